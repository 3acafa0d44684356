/** Every id that reaches the app goes through parseId: hostile numbers are "no such thing", not a database error. */
import { describe, expect, it } from 'vitest';
import { idField, parseCount, parseId, socketIdSchema } from './ids';

describe('parseId', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    [7, 7],
    ['9007199254740991', 9007199254740991],
  ])('takes %o as %o', (value, id) => expect(parseId(value)).toBe(id));

  it.each(['0', '-1', '1.5', '1e3', '1e400', '99999999999999999999', '9007199254740993', '01', ' 1', '1 ', '0x10', '', 'abc', '1\u0000', '١٢'])(
    'refuses the text %o',
    (value) => expect(parseId(value)).toBeNull(),
  );

  it.each([0, -3, 1.5, Number.NaN, Infinity, 2 ** 60, null, undefined, {}, ['1'], true])('refuses the value %o', (value) => expect(parseId(value)).toBeNull());
});

describe('parseCount', () => {
  it('falls back on anything that is not a plain small count, and caps the rest', () => {
    expect(parseCount('3', 1)).toBe(3);
    expect(parseCount('1e9', 1)).toBe(1);
    expect(parseCount('-2', 1)).toBe(1);
    expect(parseCount(undefined, 1)).toBe(1);
    expect(parseCount('999999999', 1, 50)).toBe(50);
  });
});

describe('ids in schemas', () => {
  it('a form field gives a number or the message to show next to it', () => {
    expect(idField('forums:errors.postNotFound').safeParse('12')).toEqual({ success: true, data: 12 });
    const refused = idField('forums:errors.postNotFound').safeParse('1e400');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toBe('forums:errors.postNotFound');
  });

  it('a socket payload must carry a number, as the app’s own client sends', () => {
    expect(socketIdSchema.safeParse(5).success).toBe(true);
    expect(socketIdSchema.safeParse('5').success).toBe(false);
    expect(socketIdSchema.safeParse(2 ** 60).success).toBe(false);
  });
});
