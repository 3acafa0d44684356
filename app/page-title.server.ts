import type { AppLoadContext } from '@remix-run/node';
import { getFixedT } from '#app/i18n/i18n.server';
import { getLanguage } from '#app/guards.server';

/** A translated `<title>` for a page: "Page – Weltoffen". */
export async function pageTitle(request: Request, context: AppLoadContext, key: string, params: Record<string, string | number> = {}): Promise<string> {
  const t = getFixedT(await getLanguage(request, context), ['common', 'auth', 'towns', 'network', 'accessibility', 'forums', 'moderation']);
  return t('titleFormat', { page: t(key, params) });
}

export async function translator(request: Request, context: AppLoadContext, ns: string | string[] = 'common') {
  return getFixedT(await getLanguage(request, context), ns);
}
