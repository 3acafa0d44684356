/** What every page needs besides its data: the reader's language and a translated `<title>`. */
import type { AppLoadContext } from '@remix-run/node';
import { getFixedT } from '#app/i18n/i18n.server';
import { NAMESPACES } from '#app/i18n/languages';
import { resolveLanguage } from '#app/i18n/locale.server';
import { identityOf } from './identity.server';

export async function languageOf(request: Request, context: AppLoadContext): Promise<string> {
  const { actor } = await identityOf(request, context);
  return (await resolveLanguage(request, actor?.language ?? null)).language;
}

/** A translated `<title>` for a page: "Page – Weltoffen". */
export async function pageTitle(args: { request: Request; context: AppLoadContext }, key: string, params: Record<string, string | number> = {}): Promise<string> {
  const t = getFixedT(await languageOf(args.request, args.context), [...NAMESPACES]);
  return t('titleFormat', { page: t(key, params) });
}

export async function translator(args: { request: Request; context: AppLoadContext }, ns: string | string[] = 'common') {
  return getFixedT(await languageOf(args.request, args.context), ns);
}
