/**
 * Row ids arrive as route params, query strings, form fields and socket payloads. One parser for all of
 * them: a positive whole number PostgreSQL's bigint and JavaScript's number both hold exactly. Anything else
 * (`1.5`, `1e400`, twenty digits, `-1`, text) is "no such thing", never a database error.
 */
import { z } from 'zod';

const DIGITS = /^[1-9]\d{0,15}$/;

export function parseId(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value !== 'string' || !DIGITS.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/** A whole number within bounds from a query string (`?page=`), or the fallback. */
export function parseCount(value: unknown, fallback: number, max = 1_000_000): number {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return fallback;
  return Math.min(Number(value), max);
}

/** An id in a zod schema (form field or socket payload), with the message to show when it is not one. */
export const idField = (message = 'common:errors.invalid') =>
  z.union([z.number(), z.string()], { message }).transform((value, context) => {
    const id = parseId(value);
    if (id === null) {
      context.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    return id;
  });

export const idSchema = idField();

/** An id in a socket payload: the app's own client sends numbers, so anything else is malformed. */
export const socketIdSchema = z.number({ message: 'common:errors.invalid' }).refine((value) => parseId(value) !== null, 'common:errors.invalid');
