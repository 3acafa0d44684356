/** The configuration rules that keep demo mode from weakening a real install, one row per way of starting. */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseSettings, startupWarnings } from './env.server';

describe('demo mode', () => {
  it.each([
    // env                                                                   demo   host          published password  mailbox
    [{}, true, '127.0.0.1', true, true],
    [{ NODE_ENV: 'production' }, true, '127.0.0.1', false, true],
    [{ PUBLIC_URL: 'https://dialog.example.de' }, false, '0.0.0.0', false, false],
    [{ PUBLIC_URL: 'https://dialog.example.de', WELTOFFEN_DEMO: '1' }, true, '127.0.0.1', false, false],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/weltoffen' }, false, '0.0.0.0', false, false],
    [{ DATABASE_URL: 'postgres://db/weltoffen' }, true, '127.0.0.1', true, true],
    [{ WELTOFFEN_DEMO: '0' }, false, '0.0.0.0', false, false],
    [{ HOST: '0.0.0.0' }, true, '0.0.0.0', true, true],
    [{ PUBLIC_URL: '', WELTOFFEN_DEMO: '' }, true, '127.0.0.1', true, true],
  ] as const)('%o: demo %s on %s, published password %s, mailbox %s', (env, enabled, host, publishedPassword, mailbox) => {
    const settings = parseSettings(env);
    expect(settings.demo).toEqual({ enabled, publishedPassword, mailbox });
    expect(settings.host).toBe(host);
  });

  it('warns loudly while demo mode is on, and once more when HOST opens it to the network', () => {
    expect(startupWarnings(parseSettings({}))).toEqual([expect.stringMatching(/^DEMO MODE is on/), expect.stringMatching(/not for real use/)]);
    expect(startupWarnings(parseSettings({ HOST: '0.0.0.0' }))).toContainEqual(expect.stringMatching(/everyone on that network can sign in/));
    expect(startupWarnings(parseSettings({ HOST: '127.0.0.1' })).join('\n')).not.toMatch(/everyone on that network/);
    expect(startupWarnings(parseSettings({ WELTOFFEN_DEMO: '0', LEGAL_TEXTS_DIR: 'legal' }))).toEqual([]);
  });
});

describe('behind TLS', () => {
  it('makes session cookies Secure when the public address is https, and warns without TRUST_PROXY', () => {
    const https = parseSettings({ PUBLIC_URL: 'https://dialog.example.de/' });
    expect(https.secureCookies).toBe(true);
    expect(https.publicOrigin).toBe('https://dialog.example.de');
    expect(startupWarnings(https)).toContainEqual(expect.stringMatching(/TRUST_PROXY is not set/));
    expect(startupWarnings(parseSettings({ PUBLIC_URL: 'https://dialog.example.de', TRUST_PROXY: 'loopback', LEGAL_TEXTS_DIR: 'legal' }))).toEqual([]);
    expect(parseSettings({ PUBLIC_URL: 'http://intranet.local' }).secureCookies).toBe(false);
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['2', 2],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
  ])('TRUST_PROXY=%s is %o for Express', (value, expected) => {
    expect(parseSettings({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });
});

describe('bad values', () => {
  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db'],
    ['PUBLIC_URL', 'ftp://example.org'],
    ['PUBLIC_URL', 'not a url'],
    ['SMTP_URL', 'http://mail'],
    ['WELTOFFEN_DEMO', 'yes'],
    ['DB_POOL_SIZE', '0'],
  ])('%s=%s stops start-up with a message naming the variable', (name, value) => {
    expect(() => parseSettings({ [name]: value })).toThrow(ConfigurationError);
    expect(() => parseSettings({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('links in mail follow PORT when there is no public address', () => {
    expect(parseSettings({ PORT: '4100' }).publicOrigin).toBe('http://localhost:4100');
  });
});

describe('the privacy and legal notices', () => {
  it("are the operator's folder, as an absolute path; a real installation without one is warned", () => {
    expect(parseSettings({ LEGAL_TEXTS_DIR: 'config/legal' }).legalTextsDir).toMatch(/^\/.*\/config\/legal$/);
    expect(parseSettings({}).legalTextsDir).toBeNull();
    expect(startupWarnings(parseSettings({ WELTOFFEN_DEMO: '0' }))).toEqual([expect.stringMatching(/^LEGAL_TEXTS_DIR is not set/)]);
    // The demo shows its sample texts as such, without a warning.
    expect(startupWarnings(parseSettings({})).join('\n')).not.toMatch(/LEGAL_TEXTS_DIR/);
  });
});

describe('the realtime bus', () => {
  it('is NOTIFY unless REALTIME_BUS says redis-streams, which needs a REDIS_URL', () => {
    expect(parseSettings({}).realtimeBus).toEqual({ kind: 'notify' });
    expect(parseSettings({ REALTIME_BUS: 'redis-streams', REDIS_URL: 'redis://cache:6379' }).realtimeBus).toEqual({ kind: 'redis-streams', redisUrl: 'redis://cache:6379' });
    expect(() => parseSettings({ REALTIME_BUS: 'redis-streams' })).toThrow(/REDIS_URL: is needed with REALTIME_BUS=redis-streams/);
    expect(() => parseSettings({ REALTIME_BUS: 'kafka' })).toThrow(ConfigurationError);
    expect(() => parseSettings({ REALTIME_BUS: 'redis-streams', REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL: must be a redis/);
  });
});
