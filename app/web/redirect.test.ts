import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect';

describe('safeRedirectPath', () => {
  it.each([
    ['/towns/hafenstadt', '/towns/hafenstadt'],
    ['/towns/hafenstadt?page=2#post-3', '/towns/hafenstadt?page=2#post-3'],
    ['/suche?q=Straßenfest', '/suche?q=Stra%C3%9Fenfest'],
    ['/€', '/%E2%82%AC'],
  ])('keeps the same-site path %s', (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  it.each(['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/%09/evil.example'.replace('%09', '\t'), 'https://evil.example', 'evil.example', '', null, undefined, 42, 'javascript:alert(1)', '/\\/evil.example', '/.//evil.example', '/..//evil.example', '/%2e//evil.example'])(
    'refuses %j',
    (value) => {
      expect(safeRedirectPath(value)).toBe('/');
    },
  );

  it('keeps an encoded tab harmless: it stays part of the path', () => {
    expect(safeRedirectPath('/%09/evil.example')).toBe('/%09/evil.example');
    expect(new URL(safeRedirectPath('/%09/evil.example'), 'https://weltoffen.example').host).toBe('weltoffen.example');
  });
});
