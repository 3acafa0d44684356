/**
 * Every language is complete: each key English has exists in every locale, non-empty, with the same
 * placeholders and every plural form the language needs; and every key the code names exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from './languages';

const LOCALES = path.resolve('locales');
type Flat = Record<string, string>;

function flatten(value: unknown, prefix = ''): Flat {
  if (typeof value !== 'object' || value === null) return { [prefix]: value as string };
  return Object.entries(value).reduce<Flat>((all, [key, child]) => ({ ...all, ...flatten(child, prefix ? `${prefix}.${key}` : key) }), {});
}

function load(lng: string): Flat {
  const dir = path.join(LOCALES, lng);
  if (!fs.existsSync(dir)) return {};
  return Object.assign(
    {},
    ...fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((file) => {
      const ns = file.replace(/\.json$/, '');
      const flat = flatten(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      return Object.fromEntries(Object.entries(flat).map(([key, text]) => [`${ns}:${key}`, text]));
    }),
  );
}

const english = load('en');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const pluralBase = (key: string) => key.match(/^(.*)_(zero|one|two|few|many|other)$/)?.[1];

describe.each(SUPPORTED_LANGUAGES.filter((lng) => lng !== 'en'))('locale %s', (lng) => {
  const messages = load(lng);
  const categories = new Intl.PluralRules(lng === 'de-x-ls' ? 'de' : lng).resolvedOptions().pluralCategories;

  it('has every English key, none empty', () => {
    const missing = Object.keys(english).filter((key) => pluralBase(key) === undefined && !(typeof messages[key] === 'string' && messages[key].trim()));
    expect(missing).toEqual([]);
  });

  it('has every plural form the language needs', () => {
    const bases = new Set(Object.keys(english).map(pluralBase).filter(Boolean));
    const missing = [...bases].flatMap((base) => categories.map((c) => `${base}_${c}`)).filter((key) => !messages[key]?.trim());
    // English forms are needed too (the shared completeness check asks for them).
    const englishForms = Object.keys(english).filter((key) => pluralBase(key) && !messages[key]?.trim());
    expect([...missing, ...englishForms]).toEqual([]);
  });

  it('keeps the placeholders of every message', () => {
    const wrong = Object.keys(english)
      .filter((key) => typeof messages[key] === 'string' && pluralBase(key) === undefined)
      .filter((key) => placeholders(messages[key]).join() !== placeholders(english[key]).join());
    expect(wrong).toEqual([]);
  });
});

describe('keys named in the code', () => {
  it('exist in English', () => {
    const namespaces = fs.readdirSync(path.join(LOCALES, 'en')).map((f) => f.replace(/\.json$/, ''));
    const pattern = new RegExp(`['"\`]((?:${namespaces.join('|')}):[A-Za-z0-9_.]+)['"\`]`, 'g');
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) sources.push(full);
      }
    };
    walk(path.resolve('app'));
    walk(path.resolve('server'));
    const keys = new Set(sources.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(pattern)].map((m) => m[1])));
    const hasKey = (key: string) => key in english || `${key}_one` in english || Object.keys(english).some((k) => k.startsWith(`${key}.`));
    expect([...keys].filter((key) => !hasKey(key))).toEqual([]);
  });
});
