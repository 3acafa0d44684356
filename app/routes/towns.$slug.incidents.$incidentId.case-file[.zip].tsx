import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node';
import { exportCaseFile } from '#app/domain/incidents/case-file-export.server';
import { getFixedT } from '#app/i18n/i18n.server';
import { isSupportedLanguage } from '#app/i18n/languages';
import { requireId, routeLoader, signedInTownPage } from '#app/web/guard.server';

/** The case file as a ZIP; the report in German unless `?lang=` asks for another language. */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const asked = new URL(args.request.url).searchParams.get('lang');
  const locale = isSupportedLanguage(asked) ? asked : 'de';
  const t = getFixedT(locale, ['incidents', 'towns']);
  const { stream, fileName } = await exportCaseFile(actor, {
    incidentId: requireId(args.params.incidentId),
    townId: town.id,
    locale,
    t: (key, params) => t(key, params) as string,
    roleName: (role) => t(`towns:roles.${role}`) as string,
  });
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
