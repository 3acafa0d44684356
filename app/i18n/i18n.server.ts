/**
 * Server-side translation. All locale files are read once into memory, so a fixed `t` for any language
 * costs nothing per request and works the same in routes, mail and socket errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInstance, type i18n, type Resource, type TFunction } from 'i18next';
import { i18nOptions } from './options';
import { DEFAULT_LANGUAGE, isSupportedLanguage, SUPPORTED_LANGUAGES } from './languages';
import { settings } from '#app/env.server';


function readResources(): Resource {
  const resources: Resource = {};
  const { localesDir } = settings();
  for (const lng of SUPPORTED_LANGUAGES) {
    resources[lng] = {};
    const dir = path.join(localesDir, lng);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      resources[lng][file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    }
  }
  return resources;
}

let resources: Resource | null = null;
const instances = new Map<string, i18n>();

const REMEMBERED_PER_LANGUAGE = 5_000;
const PLAIN_OPTIONS = new Set(['lng', 'lngs', 'ns', 'keyPrefix']);

/**
 * A server page asks for the same few hundred fixed words on every render, and i18next resolves each anew
 * (namespaces, fallbacks, nesting, post-processing): a tenth of a page's CPU. On the server the resources never
 * change, so a word asked for without values (no count, no interpolation, no default) is resolved once per
 * language and kept; anything else goes to i18next as before. Bounded: keys come from the code, but a few are
 * built from data (an error code), so the memory a language's words take has a ceiling.
 */
function rememberPlainTranslations(instance: i18n, language: string) {
  const translate = instance.t.bind(instance) as (key: unknown, options?: Record<string, unknown>) => unknown;
  const remembered = new Map<string, unknown>();
  const plain = (options: Record<string, unknown> | undefined) => {
    if (options === undefined) return true;
    if (typeof options !== 'object' || options === null) return false;
    for (const name in options) if (!PLAIN_OPTIONS.has(name)) return false;
    return (options.lng === undefined || options.lng === language) && options.lngs == null && !options.keyPrefix;
  };
  instance.t = ((key: unknown, options?: Record<string, unknown>) => {
    if (typeof key !== 'string' || !plain(options)) return translate(key, options);
    const ns = options?.ns;
    const id = `${Array.isArray(ns) ? ns.join(',') : (ns ?? '')}\u0000${key}`;
    let text = remembered.get(id);
    if (text === undefined) {
      text = translate(key, options);
      if (typeof text === 'string' && remembered.size < REMEMBERED_PER_LANGUAGE) remembered.set(id, text);
    }
    return text;
  }) as TFunction;
}

/** A ready i18next instance for one language, with every namespace loaded. */
export function i18nFor(lng: string): i18n {
  const language = isSupportedLanguage(lng) ? lng : DEFAULT_LANGUAGE;
  let instance = instances.get(language);
  if (!instance) {
    resources ??= readResources();
    instance = createInstance();
    void instance.init({ ...i18nOptions, resources, lng: language, ns: Object.keys(resources.en ?? {}), initImmediate: false });
    rememberPlainTranslations(instance, language);
    instances.set(language, instance);
  }
  return instance;
}

export function getFixedT(lng: string, ns: string | string[] = 'common'): TFunction {
  return i18nFor(lng).getFixedT(i18nFor(lng).language, ns);
}

/** The in-memory resources for a language and namespaces, to hand to the browser with the page. */
export function resourcesFor(lng: string, namespaces: string[]): Resource {
  resources ??= readResources();
  const pick = (l: string) => Object.fromEntries(namespaces.map((ns) => [ns, resources![l]?.[ns] ?? {}]));
  const out: Resource = { [lng]: pick(lng) };
  for (const fallback of fallbacksOf(lng)) out[fallback] = pick(fallback);
  return out;
}

function fallbacksOf(lng: string): string[] {
  const chain = (i18nOptions.fallbackLng as Record<string, string[]>)[lng] ?? (i18nOptions.fallbackLng as Record<string, string[]>).default;
  return chain.filter((l) => l !== lng);
}
