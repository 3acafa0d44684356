import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from './canonical';

describe('canonicalJson', () => {
  it.each([
    ['null and booleans', [null, true, false], '[null,true,false]'],
    ['keys sorted, no whitespace', { b: 1, a: { d: [1, 2], c: 'x' } }, '{"a":{"c":"x","d":[1,2]},"b":1}'],
    // RFC 8785 §3.2.3: sorting by UTF-16 code units puts U+20AC before U+1F600 (its surrogates D83D DE00 sort after) and "\r" first.
    ['keys sorted by UTF-16 code units', { '€': 1, '😀': 2, '\r': 3, '1': 4, a: 5, A: 6, 'ö': 7 }, '{"\\r":3,"1":4,"A":6,"a":5,"ö":7,"€":1,"😀":2}'],
    ['integers, fractions and exponents in shortest form', [1, 1.5, 1e21, 1e-7, 100, 0.1 + 0.2, -0], '[1,1.5,1e+21,1e-7,100,0.30000000000000004,0]'],
    ['RFC 8785 number samples', [333333333.3333333, 1e30, 4.5, 2e-3, 0.000001], '[333333333.3333333,1e+30,4.5,0.002,0.000001]'],
    ['control characters escaped, other text kept as is', ['\u0000\b\t\n\f\r\u001f"\\/', 'é €  '], '["\\u0000\\b\\t\\n\\f\\r\\u001f\\"\\\\/","é €  "]'],
    ['empty containers', [{}, [], ''], '[{},[],""]'],
    ['object without prototype', Object.assign(Object.create(null), { z: 1, y: 2 }), '{"y":2,"z":1}'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same text whatever the key insertion order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it.each([
    ['undefined at the top', undefined, '$', /undefined/],
    ['undefined member', { incident: { author: undefined } }, '$.incident.author', /undefined/],
    ['undefined in an array', [1, undefined], '$[1]', /undefined/],
    ['a function', { f: () => 1 }, '$.f', /function/],
    ['NaN', { n: Number.NaN }, '$.n', /NaN/],
    ['Infinity', [Number.POSITIVE_INFINITY], '$[0]', /Infinity/],
    ['a bigint', { n: 1n }, '$.n', /bigint/],
    ['a symbol', { s: Symbol('x') }, '$.s', /symbol/],
    ['a Date', { at: new Date(0) }, '$.at', /toISOString/],
    ['a Map', { m: new Map() }, '$.m', /Map/],
    ['a lone surrogate', { text: 'a\uD800b' }, '$.text', /surrogate/],
    ['a key that is not an identifier', { 'a b': undefined }, '$["a b"]', /undefined/],
    ['a sparse array', { list: [1, , 3] }, '$.list[1]', /sparse/],
  ])('refuses %s and says where', (_name, value, path, message) => {
    let thrown: unknown;
    try {
      canonicalJson(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CanonicalJsonError);
    expect(thrown).toMatchObject({ path, message: expect.stringMatching(message) });
  });

  it('refuses circular references but allows a shared value twice', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => canonicalJson(circular)).toThrow(/circular/);
  });
});
