/**
 * Canonical JSON for hashing (RFC 8785 / JCS style): one byte-exact text for one value, so a hash made today
 * can be recomputed years later by anyone, in any language. Browser-safe and dependency-free.
 *
 * Stricter than `JSON.stringify` on purpose: where it would silently drop or change a value (`undefined`,
 * functions, `NaN`, a `Date` turned into a string by `toJSON`), the evidence would no longer say what the
 * caller meant, so we refuse instead.
 */

export type CanonicalJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalJsonValue[]
  | { readonly [key: string]: CanonicalJsonValue };

/** A value that has no canonical form; `path` points at it (`$.incident.author`). */
export class CanonicalJsonError extends TypeError {
  constructor(
    public readonly path: string,
    detail: string,
  ) {
    super(`Cannot canonicalise ${path}: ${detail}`);
    this.name = 'CanonicalJsonError';
  }
}

/** The canonical text of `value`. Hash its UTF-8 bytes. */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialise(value: unknown, path: string, open: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
      // ECMAScript's shortest round-trip form is exactly the JCS number form (and -0 becomes 0).
      return JSON.stringify(value);
    case 'string':
      // I-JSON forbids lone surrogates: they have no UTF-8 form, so two tools would hash them differently.
      if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(path, 'string contains a lone UTF-16 surrogate');
      return JSON.stringify(value);
    case 'undefined':
      throw new CanonicalJsonError(path, 'undefined is not JSON (omit the key or use null)');
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, `a ${typeof value} is not JSON`);
  }

  const object = value as object;
  if (open.has(object)) throw new CanonicalJsonError(path, 'circular reference');
  open.add(object);
  try {
    if (Array.isArray(object)) {
      const items: string[] = [];
      for (let index = 0; index < object.length; index++) {
        if (!(index in object)) throw new CanonicalJsonError(`${path}[${index}]`, 'sparse array hole');
        items.push(serialise(object[index], `${path}[${index}]`, open));
      }
      return `[${items.join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = object instanceof Date ? 'Date (pass date.toISOString())' : (prototype?.constructor?.name ?? 'object');
      throw new CanonicalJsonError(path, `a ${name} is not a plain object`);
    }
    if (Object.getOwnPropertySymbols(object).length > 0) throw new CanonicalJsonError(path, 'symbol keys are not JSON');
    const record = object as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is exactly what JCS asks for.
    const keys = Object.keys(record).sort();
    const members = keys.map((key) => {
      const childPath = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (LONE_SURROGATE.test(key)) throw new CanonicalJsonError(childPath, 'key contains a lone UTF-16 surrogate');
      return `${JSON.stringify(key)}:${serialise(record[key], childPath, open)}`;
    });
    return `{${members.join(',')}}`;
  } finally {
    open.delete(object);
  }
}
