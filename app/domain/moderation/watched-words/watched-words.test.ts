import { describe, expect, it } from 'vitest';
import { compileWatchedWords, strongestAction } from './matcher';
import { normaliseForMatching, normalisePattern, patternError } from './normalise';
import { watchedWordsFromCsv, watchedWordsToCsv } from './csv';
import type { WatchedWord, WatchedWordAction } from './types';

const matches = (pattern: string, text: string) => compileWatchedWords([{ pattern, action: 'flag' }]).match(text).length > 0;

describe('normaliseForMatching', () => {
  it.each([
    ['full-width letters', 'ＩＤＩＯＴ', 'idiot'],
    ['mathematical bold', '𝐢𝐝𝐢𝐨𝐭', 'idiot'],
    ['circled letters', 'ⓘⓓⓘⓞⓣ', 'idiot'],
    ['ligatures', 'ﬁeser', 'fieser'],
    ['Turkish capital İ and dotless ı', 'İdiot ıdiot IDIOT', 'idiot idiot idiot'],
    ['ß and capital ẞ', 'Scheiße SCHEIẞE', 'scheisse scheisse'],
    ['Latin diacritics', 'ídíót çà', 'idiot ca'],
    ['umlauts and their digraphs meet at the base vowel', 'dämlich daemlich damlich Öde Oede üble ueble', 'damiich damiich damiich ode ode ubie ubie'],
    ['zero-width characters, word joiner, BOM, soft hyphen', 'i\u200Bd\u200Ci\u200Do\u200E\u200Ft i\u2060d\uFEFFi\u00ADot', 'idiot idiot'],
    ['Arabic tatweel and harakat', 'كـــلب كَلْبٌ', 'كلب كلب'],
    ['Persian and Arabic letter variants', 'بی بي بى', 'بي بي بي'],
    ['Persian keheh and Arabic kaf', 'کلب كلب', 'كلب كلب'],
    ['Eastern Arabic and Persian digits', '٨٨ ۸۸', '88 88'],
    ['l, 1, I, ! and | meet at i', 'Hallo 1d10t |d!ot', 'haiio idiot idiot'],
    ['leetspeak digits inside words', 'h4t3 5ch31ß3 4ss', 'hate scheisse ass'],
    ['numbers on their own stay numbers', 'Am 5.10.2024 um 17:30 für 455 Euro', 'am 5 10 2024 um 17 30 fur 455 euro'],
    ['leetspeak symbols inside words and @ $ € at the end', '$cheiße @rsch h€ll kurw@', 'scheisse arsch heii kurwa'],
    ['punctuation ! at the end of a word is punctuation', 'Idiot! Echt?!', 'idiot echt'],
    ['apostrophes inside words', "it's geht’s Ankara'da", 'its gehts ankarada'],
    ['a star in a text is a censor mark', 'i*d*i*o*t Arsch*loch', 'idiot arschioch'],
    ['runs of three or more letters are cut to two', 'idiooooot Affe Kaffeeee 1000', 'idioot affe kaffee 1000'],
    ['spelt-out words are joined', 'du i d i o t', 'du idiot'],
    ['spelt-out with dots, dashes, underscores', 'i.d.i.o.t. i-d-i-o-t', 'idiotidiot'],
    ['Cyrillic keeps its letters except exact lookalikes', 'ДУРАК кот', 'дypaк кoт'],
    ['Cyrillic lookalikes inside Latin words', 'іdіоt IDIOТ МОRОN', 'idiot idiot moron'],
    ['Greek capitals as disguise', 'ΙDΙΟΤ', 'idiot'],
    ['small capitals', 'ɪᴅɪᴏᴛ', 'idiot'],
    ['regional indicator letters', '🇮🇩🇮🇴🇹', 'idiot'],
    ['combining-mark stacks (Zalgo)', 'i̷̢d̸̛i̵o̶t̴', 'idiot'],
    ['any run of separators becomes one space', '  geh,\n\tsterben …  ', 'geh sterben'],
    ['emoji and symbols are separators', '👍 ok 🎉', 'ok'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(normaliseForMatching(input)).toBe(expected);
  });

  it('keeps the wildcard in patterns only', () => {
    expect(normalisePattern('Idiot*  *Hure**')).toBe('idiot* *hure*');
    expect(normaliseForMatching('Idiot*')).toBe('idiot');
  });
});

describe('matching evasions', () => {
  const mustMatch: Array<[pattern: string, texts: string[]]> = [
    ['idiot', [
      'Du Idiot!', 'IDIOT', 'İdiot', 'ıdiot', 'ＩＤＩＯＴ', '𝐢𝐝𝐢𝐨𝐭', 'ⓘⓓⓘⓞⓣ', 'i.d.i.o.t', 'i d i o t', 'i-d-i-o-t', 'i_d_i_o_t',
      'i*d*i*o*t', 'i. d. i. o. t.', 'idiooooot', 'iiiidiot', '1d10t', '!d!ot', 'id\u200Biot', 'id\u00ADiot', 'іdіоt', 'IDIOТ',
      'ɪᴅɪᴏᴛ', 'ídíót', 'i̷d̷i̷o̷t̷', 'ldiot', '|diot', '🇮🇩🇮🇴🇹', 'Ihr seid alle (Idioten)… nein: idiot.', 'du bist ein i d 1 0 t',
    ]],
    ['Idiot', ['idiot']],
    ['scheiße', ['Scheisse', 'SCHEISSE', 'Scheiẞe', '$cheiße', 'Sch3iße', 'scheiiiiße', 'S c h e i ß e', 'sch\u200Beiße']],
    ['scheisse', ['Scheiße']],
    ['dämlich', ['daemlich', 'damlich', 'DÄMLICH', 'DAEMLICH', 'd4emlich']],
    ['damlich', ['dämlich']],
    ['hure', ['Du Hure!', 'H.U.R.E', 'h u r e', 'HURE', 'hüre']],
    ['*hure', ['Dreckshure', 'Drecks\u00ADhure', 'Drecks-Hure', 'Hure', 'DRECKSHURE!']],
    ['hure*', ['Hurensohn', 'Huren-Sohn', 'hure']],
    ['f*ck', ['fck', 'fuck', 'f*ck', 'FRACK']],
    ['*sau*', ['Drecksau', 'Sauhaufen', 'Drecksaubande']],
    ['geh sterben', ['Geh sterben!', 'geh   sterben', 'geh-sterben', 'GEH,\nSTERBEN', 'geh … sterben', 'g3h st3rb3n']],
    ['geh* sterb*', ['Gehen sterben', 'geht sterben', 'geh sterbt']],
    ['asshole', ['a55hole', '@sshole', 'ASSHOLE', 'a s s h o l e', 'assh0le', 'a$$h0le', 'asshoie']],
    ['ass', ['ass', 'ASS', 'a s s', 'asssss', '4ss']],
    ['дурак', ['ДУРАК', 'д у р а к', 'Ты дурак!', 'дурaк', 'ДУРAК', 'Дурак.', 'д.у.р.а.к', 'дурак!!!']],
    ['дурень', ['ДУРЕНЬ', 'ти дурень']],
    ['сука', ['СУКА', 'cукa', 'с.у.к.а', 'Сука!']],
    ['кот', ['КОТ', 'кот']],
    ['ідіот', ['ІДІОТ', 'ідіот', 'ідіoт']],
    ['كلب', ['كَلْب', 'كـــلب', 'کلب', 'ك ل ب', 'يا كلب!']],
    ['دیوانه', ['ديوانه', 'دیـــوانه', 'تو دیوانه‌ای نیستی؟ دیوانه!']],
    ['بی‌شعور', ['بیشعور', 'بي‌شعور']],
    ['şerefsiz', ['ŞEREFSİZ', 'serefsiz', 'şerefsız', 's3r3fs1z', 'Şerefsiz!']],
    ['kurwa', ['KURWA', 'kurwaaa', 'k.u.r.w.a', 'kurw@', 'kurwą']],
    ['88', ['88', '٨٨', 'Heil 88!', '8 8']],
    ['sa', ['S A', 's.a.']],
  ];

  for (const [pattern, texts] of mustMatch) {
    it.each(texts)(`"${pattern}" matches %j`, (text) => {
      expect(matches(pattern, text)).toBe(true);
    });
  }
});

describe('matching innocent texts (the Scunthorpe problem)', () => {
  const mustNotMatch: Array<[pattern: string, texts: string[]]> = [
    ['hure', ['Churer Straße', 'Schurke', 'Hurensohn', 'hu re', 'Huhn rennt', 'Hürden']],
    ['*hure', ['Churer Straße', 'Hurensohn', 'Schurke']],
    ['hure*', ['Churer', 'Schurke']],
    ['ass', ['Klasse', 'Passau', 'class', 'as', 'Was ist das?', '455 Euro', 'assistant']],
    ['arsch', ['Marsch', 'Barschel', 'Arschloch']],
    ['penis', ['The pen is mightier than the sword']],
    ['anal', ['Ich schreibe an Al.', 'Analyse', 'Kanal']],
    ['sau', ['Sauerland', 'Sauna', 'Passau']],
    ['kot', ['кот', 'Kotelett', 'Skoda']],
    ['кот', ['Kot', 'котлета']],
    ['idiot', ['Idiotie', 'idiotisch', 'id iot', 'Idol']],
    ['sa', ["it's a good idea", 'Gesa', 'sah']],
    ['geh sterben', ['geh', 'sterben', 'gehst erben', 'Geh bitte nicht sterben']],
    ['дурак', ['дураки', 'durak']],
    ['scheiße', ['Scheide', 'scheinen', 'Scheibe']],
    ['88', ['1988', '88er', '8888', '888']],
    ['f*ck', ['Fuchs', 'ficken', 'fc', 'f ck']],
    ['affe', ['afe', 'Aufe']],
    ['كلب', ['كلبان', 'قلب']],
    ['nazi', ['Nazim', 'Nazareth']],
  ];

  for (const [pattern, texts] of mustNotMatch) {
    it.each(texts)(`"${pattern}" does not match %j`, (text) => {
      expect(matches(pattern, text)).toBe(false);
    });
  }
});

describe('compileWatchedWords', () => {
  const list: WatchedWord[] = [
    { id: 1, pattern: 'idiot', action: 'flag' },
    { id: 2, pattern: 'Idiot*', action: 'block' },
    { id: 3, pattern: 'du idiot', action: 'hold' },
    { id: 4, pattern: '*hure', action: 'block' },
    { id: 5, pattern: 'dummkopf', action: 'flag' },
  ];

  it('reports every distinct pattern once, with its action, also where patterns overlap', () => {
    const hits = compileWatchedWords(list).match('Du Idiot! Du IDIOT! Ihr Idiotenpack.');
    expect(hits).toEqual([
      { pattern: 'du idiot', action: 'hold' },
      { pattern: 'idiot', action: 'flag' },
      { pattern: 'Idiot*', action: 'block' },
    ]);
  });

  it('reports hits in the order they first occur in the text', () => {
    expect(compileWatchedWords(list).match('Dummkopf und Dreckshure').map((hit) => hit.pattern)).toEqual(['dummkopf', '*hure']);
  });

  it('returns nothing for innocent texts, empty texts and empty lists', () => {
    expect(compileWatchedWords(list).match('Guten Tag, wann tagt der Gemeinderat?')).toEqual([]);
    expect(compileWatchedWords(list).match('')).toEqual([]);
    expect(compileWatchedWords([]).match('idiot')).toEqual([]);
  });

  it('reports every pattern that normalises alike, so the strongest action wins', () => {
    const hits = compileWatchedWords([
      { pattern: 'Scheiße', action: 'flag' },
      { pattern: 'scheisse', action: 'block' },
      { pattern: 'Scheiße', action: 'flag' },
    ]).match('So eine SCHEISSE');
    expect(hits).toEqual([
      { pattern: 'Scheiße', action: 'flag' },
      { pattern: 'scheisse', action: 'block' },
    ]);
    expect(strongestAction(hits)).toBe('block');
  });

  it('skips invalid patterns instead of failing', () => {
    const compiled = compileWatchedWords([
      { pattern: '*', action: 'block' },
      { pattern: '', action: 'block' },
      { pattern: 'a*', action: 'block' },
      { pattern: 'idiot', action: 'nonsense' as WatchedWordAction },
      { pattern: 'dummkopf', action: 'hold' },
    ]);
    expect(compiled.match('a idiot dummkopf anything')).toEqual([{ pattern: 'dummkopf', action: 'hold' }]);
  });

  it('is reusable across texts (no state left in the RegExps)', () => {
    const compiled = compileWatchedWords(list);
    for (let i = 0; i < 3; i++) {
      expect(compiled.match('idiot').map((hit) => hit.pattern)).toEqual(['idiot', 'Idiot*']);
      expect(compiled.match('nichts')).toEqual([]);
    }
  });

  it('treats RegExp syntax in patterns as plain text', () => {
    const compiled = compileWatchedWords([{ pattern: 'a.b(c)+[d]', action: 'flag' }, { pattern: '(?<x>x)\\1 ^$', action: 'flag' }]);
    expect(compiled.match('a b c d').map((hit) => hit.pattern)).toEqual(['a.b(c)+[d]']);
    expect(compiled.match('aaaa bbb')).toEqual([]);
  });

  it.each([
    ['ka*lo*mi', ['kalomi', 'kaXloYmi', 'kamilomi', 'KALOOOMI'], ['kamilo', 'kaxmi', 'kalo', 'ka lo mi', 'ka-lo-mi']],
    ['x*a*ay', ['xaay', 'xbabay'], ['xay']],
    ['ab*bc', ['abbc', 'abxbc', 'abbbbc'], ['abc']],
    ['*sau*', ['sau', 'Drecksau', 'Sauhaufen'], ['Sa u']],
    ['idiot*', ['idiot', 'Idiotenpack'], ['Idol']],
    ['ka*lo*mi ter', ['kaxloymi ter', 'kalomi, ter'], ['kaxmi ter', 'kaxloymi terra']],
    ['*ab*ab* cd', ['xabyabz cd', 'abab cd'], ['ab cd', 'abab']],
  ])('wildcards in %j work like a glob within one word', (pattern, yes, no) => {
    for (const text of yes) expect(matches(pattern, text), text).toBe(true);
    for (const text of no) expect(matches(pattern, text), text).toBe(false);
  });

  it('confirms a loosely matched pattern without hiding others at the same place', () => {
    const compiled = compileWatchedWords([{ pattern: 'ka*lo*mi', action: 'block' }, { pattern: 'kaxmi', action: 'flag' }]);
    expect(compiled.match('kaxmi')).toEqual([{ pattern: 'kaxmi', action: 'flag' }]);
    expect(compiled.match('kaloxmi kaxmi').map((hit) => hit.pattern)).toEqual(['ka*lo*mi', 'kaxmi']);
  });

  it('handles characters outside the Basic Multilingual Plane', () => {
    expect(matches('𠜎𠜱', 'x 𠜎𠜱 y')).toBe(true);
    expect(matches('𠜎𠜱', '𠜎𠜎𠜱')).toBe(true);
    expect(matches('𠜎𠜱', '𠜎 𠜱x')).toBe(false);
    expect(matches('*𠜎𠜱', 'x𠜎𠜎𠜱')).toBe(true);
    expect(matches('idiot', 'lone \uD800 surrogate idiot')).toBe(true);
  });

  it('survives pathological input without catastrophic backtracking', { timeout: 5_000 }, () => {
    const compiled = compileWatchedWords([
      { pattern: '*ab*ab*ab*abc', action: 'block' },
      { pattern: 'ab*ab*ab*ab*c', action: 'block' },
      { pattern: '*aa*aa*', action: 'hold' },
      { pattern: 'ab ab ab ab*c', action: 'flag' },
      { pattern: '*hure', action: 'flag' },
      { pattern: '*ab*ab* cd', action: 'block' },
      { pattern: 'ab*ab*ab*ab* c', action: 'block' },
    ]);
    const texts = [
      'ab'.repeat(10_000),
      'a'.repeat(20_000),
      'ab '.repeat(7_000),
      'a b '.repeat(5_000),
      `${'aab'.repeat(6_000)}x`,
      `${'hur'.repeat(6_000)}x`,
      `${'ab'.repeat(10_000)} d`,
      `${'ab'.repeat(5_000)} ${'ab'.repeat(5_000)}`,
    ];
    for (const text of texts) expect(compiled.match(text).filter((hit) => hit.action === 'block')).toEqual([]);
    expect(compiled.match(`${'ab'.repeat(10_000)}c`).map((hit) => hit.pattern)).toEqual(['*ab*ab*ab*abc', 'ab*ab*ab*ab*c']);
  });
});

describe('performance', () => {
  it('matches 500 patterns against 20,000 characters', { timeout: 30_000 }, () => {
    // A deterministic pseudo-random generator, so the test is the same on every run.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const syllables = ['ka', 'lo', 'mi', 'ter', 'sch', 'ung', 'ber', 'an', 'ein', 'st', 'ra', 'ß', 'ö', 'ü', 'd', 'ке', 'ла', 'كل', 'بي'];
    const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
    const actions = ['block', 'hold', 'flag'] as const;
    const words: WatchedWord[] = Array.from({ length: 500 }, (_, i) => {
      const kind = i % 10;
      const pattern = kind === 0 ? `*${word()}` : kind === 1 ? `${word()}*` : kind === 2 ? `${word()} ${word()}` : kind === 3 ? `${word()}*${word()}` : word();
      return { pattern, action: actions[i % 3] };
    });
    let text = '';
    while (text.length < 20_000) text += `${word()}${random() < 0.1 ? ', ' : ' '}`;

    const startedCompile = performance.now();
    const compiled = compileWatchedWords(words);
    const compileMs = performance.now() - startedCompile;
    const started = performance.now();
    const hits = compiled.match(text);
    const firstMs = performance.now() - started;
    const startedAgain = performance.now();
    compiled.match(text);
    const againMs = performance.now() - startedAgain;
    const glued = `${text.replace(/\s/g, '')}`.slice(0, 20_000);
    const startedGlued = performance.now();
    compiled.match(glued);
    const gluedMs = performance.now() - startedGlued;
    console.info(
      `watched words: compile ${compileMs.toFixed(1)} ms; 500 patterns × ${text.length} chars: first match ${firstMs.toFixed(1)} ms ` +
        `(${hits.length} hits), again ${againMs.toFixed(1)} ms; one 20k-char word ${gluedMs.toFixed(1)} ms`,
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((hit) => `${hit.pattern}\u0000${hit.action}`)).size).toBe(hits.length);
  });
});

describe('large lists', () => {
  it('stays within V8 RegExp limits with 2,000 long patterns', { timeout: 30_000 }, () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const letters = 'abcdefghjkmnopqrstuvwxyzäöüß';
    const run = (length: number) => Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');
    const words: WatchedWord[] = Array.from({ length: 2_000 }, (_, i) => ({
      pattern: i % 5 === 0 ? `*${run(30)}*${run(30)}*${run(30)}` : `${run(30)} ${run(30)} ${run(36)}`,
      action: 'hold',
    }));
    const text = `${Array.from({ length: 3_000 }, () => run(6)).join(' ')} ${words[0].pattern.replaceAll('*', 'x')} ${words[1].pattern}`;
    const compiled = compileWatchedWords(words);
    expect(compiled.match(text).map((hit) => hit.pattern)).toEqual([words[0].pattern, words[1].pattern]);
  });
});

describe('patternError', () => {
  it.each([
    ['idiot', null],
    ['geh sterben', null],
    ['idiot*', null],
    ['*hure', null],
    ['*sau*', null],
    ['f*ck', null],
    ['88', null],
    ['дурак', null],
    ['كلب', null],
    ['a'.repeat(100), null],
    ['  idiot  ', null],
    ['', 'moderation:words.errors.empty'],
    ['   ', 'moderation:words.errors.empty'],
    ['a'.repeat(101), 'moderation:words.errors.tooLong'],
    ['*', 'moderation:words.errors.onlyWildcard'],
    ['***', 'moderation:words.errors.onlyWildcard'],
    ['* *', 'moderation:words.errors.onlyWildcard'],
    ['!!!', 'moderation:words.errors.noLetters'],
    ['🖕', 'moderation:words.errors.noLetters'],
    ['a*', 'moderation:words.errors.tooBroad'],
    ['*a*', 'moderation:words.errors.tooBroad'],
    ['geh *', 'moderation:words.errors.tooBroad'],
  ])('%j → %s', (pattern, expected) => {
    expect(patternError(pattern)).toBe(expected);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(patternError('𝐢'.repeat(100))).toBeNull();
  });
});

describe('strongestAction', () => {
  it.each([
    [[], null],
    [['flag'], 'flag'],
    [['flag', 'hold'], 'hold'],
    [['hold', 'block', 'flag'], 'block'],
    [['flag', 'flag'], 'flag'],
  ] as Array<[WatchedWordAction[], WatchedWordAction | null]>)('%j → %s', (actions, expected) => {
    expect(strongestAction(actions.map((action, i) => ({ pattern: `p${i}`, action })))).toBe(expected);
  });
});

describe('watchedWordsToCsv', () => {
  it('writes a header and one row per word', () => {
    expect(watchedWordsToCsv([{ id: 7, pattern: 'idiot', action: 'block' }, { pattern: 'geh, stirb', action: 'hold' }])).toBe(
      'pattern,action\nidiot,block\n"geh, stirb",hold\n',
    );
  });

  it('writes semicolons and a BOM for German Excel on request', () => {
    expect(watchedWordsToCsv([{ pattern: 'dämlich', action: 'flag' }], { delimiter: ';', bom: true })).toBe('\uFEFFpattern;action\ndämlich;flag\n');
  });

  it('keeps spreadsheets from evaluating patterns as formulas', () => {
    const csv = watchedWordsToCsv([
      { pattern: '=HYPERLINK("http://evil","x")', action: 'flag' },
      { pattern: '+1', action: 'flag' },
      { pattern: '-idiot', action: 'flag' },
      { pattern: '@SUM(A1)', action: 'flag' },
      { pattern: '＝1', action: 'flag' },
    ]);
    const cells = csv.trim().split('\n').slice(1).map((line) => line.replace(/^"/, ''));
    for (const cell of cells) expect(cell.startsWith("'")).toBe(true);
  });
});

describe('watchedWordsFromCsv', () => {
  const words = (csv: string) => watchedWordsFromCsv(csv).words;

  it('round-trips losslessly, including formula-like patterns, quotes, delimiters and every script', () => {
    const list: WatchedWord[] = [
      { pattern: 'idiot', action: 'block' },
      { pattern: 'geh, stirb', action: 'hold' },
      { pattern: 'geh; stirb langsam', action: 'flag' },
      { pattern: 'Schei"ße', action: 'flag' },
      { pattern: '=HYPERLINK("http://evil","x")', action: 'flag' },
      { pattern: '+49 idiot', action: 'hold' },
      { pattern: '-dummkopf', action: 'hold' },
      { pattern: '@rsch', action: 'block' },
      { pattern: "'quoted", action: 'flag' },
      { pattern: "'=sneaky", action: 'flag' },
      { pattern: "''x", action: 'flag' },
      { pattern: '"in quotes"', action: 'flag' },
      { pattern: 'дурак', action: 'block' },
      { pattern: 'كلب', action: 'hold' },
      { pattern: 'بی‌شعور', action: 'hold' },
      { pattern: '*hure', action: 'block' },
    ];
    for (const options of [{}, { delimiter: ';' as const }, { delimiter: ';' as const, bom: true }, { bom: true }]) {
      expect(watchedWordsFromCsv(watchedWordsToCsv(list, options))).toEqual({ words: list, errors: [] });
    }
  });

  it('trims patterns (the only loss in a round trip: surrounding spaces never matter for matching)', () => {
    expect(words(watchedWordsToCsv([{ pattern: '  "padded" ', action: 'flag' }]))).toEqual([{ pattern: '"padded"', action: 'flag' }]);
  });

  it('reads a German Excel export: BOM, semicolons, CRLF, header', () => {
    expect(words('\uFEFFpattern;action\r\ndämlich;flag\r\n"geh, stirb";hold\r\n')).toEqual([
      { pattern: 'dämlich', action: 'flag' },
      { pattern: 'geh, stirb', action: 'hold' },
    ]);
  });

  it('tells semicolon files with commas in phrases from comma files', () => {
    expect(words('geh, stirb;block\nidiot;flag')).toEqual([
      { pattern: 'geh, stirb', action: 'block' },
      { pattern: 'idiot', action: 'flag' },
    ]);
    expect(words('geh; stirb,block\nidiot,flag')).toEqual([
      { pattern: 'geh; stirb', action: 'block' },
      { pattern: 'idiot', action: 'flag' },
    ]);
  });

  it('reads tab-separated files', () => {
    expect(words('pattern\taction\nidiot\tblock\n')).toEqual([{ pattern: 'idiot', action: 'block' }]);
  });

  it('needs no header, skips blank lines and trims cells and actions', () => {
    expect(words('\n\n idiot , BLOCK \n\n;\n  "dummkopf"  ,  "Hold"\n,\n')).toEqual([
      { pattern: 'idiot', action: 'block' },
      { pattern: 'dummkopf', action: 'hold' },
    ]);
  });

  it('follows the header when columns are reordered or extra', () => {
    expect(words('id;action;pattern;note\n1;block;idiot;x\n2;flag;dummkopf;\n')).toEqual([
      { pattern: 'idiot', action: 'block' },
      { pattern: 'dummkopf', action: 'flag' },
    ]);
  });

  it('reports unknown actions and invalid patterns per line and keeps the rest', () => {
    const result = watchedWordsFromCsv('pattern,action\nidiot,block\n\ndummkopf,delete\nnoaction\n*,flag\n' + `${'x'.repeat(101)},flag\n` + 'depp,flag\n');
    expect(result.words).toEqual([
      { pattern: 'idiot', action: 'block' },
      { pattern: 'depp', action: 'flag' },
    ]);
    expect(result.errors).toEqual([
      { line: 4, error: 'moderation:words.errors.unknownAction' },
      { line: 5, error: 'moderation:words.errors.unknownAction' },
      { line: 6, error: 'moderation:words.errors.onlyWildcard' },
      { line: 7, error: 'moderation:words.errors.tooLong' },
    ]);
  });

  it('collapses patterns that normalise alike; the last one wins', () => {
    expect(words('Scheiße,flag\nidiot,hold\nSCHEISSE,block\n')).toEqual([
      { pattern: 'SCHEISSE', action: 'block' },
      { pattern: 'idiot', action: 'hold' },
    ]);
  });

  it('keeps malformed quotes as text', () => {
    expect(words('Schei"ße,flag\n"a"b,hold\n')).toEqual([
      { pattern: 'Schei"ße', action: 'flag' },
      { pattern: '"a"b', action: 'hold' },
    ]);
  });

  it('reports an unclosed quote at the line where it opens', () => {
    const result = watchedWordsFromCsv('idiot,block\n\n"dummkopf,hold\ndepp,flag\n');
    expect(result.words).toEqual([{ pattern: 'idiot', action: 'block' }]);
    expect(result.errors).toEqual([{ line: 3, error: 'moderation:words.errors.csvMalformed' }]);
  });

  it('names the right lines around quoted fields that span lines', () => {
    const result = watchedWordsFromCsv('"two\nlines",block\nidiot,nonsense\n"three\n\nlines",flag\n\n"open,hold\n');
    expect(result.words).toEqual([
      { pattern: 'two\nlines', action: 'block' },
      { pattern: 'three\n\nlines', action: 'flag' },
    ]);
    expect(result.errors).toEqual([
      { line: 3, error: 'moderation:words.errors.unknownAction' },
      { line: 8, error: 'moderation:words.errors.csvMalformed' },
    ]);
  });

  it('reads an empty file as an empty list', () => {
    expect(watchedWordsFromCsv('')).toEqual({ words: [], errors: [] });
    expect(watchedWordsFromCsv('\uFEFF')).toEqual({ words: [], errors: [] });
    expect(watchedWordsFromCsv('pattern,action\n')).toEqual({ words: [], errors: [] });
  });
});
