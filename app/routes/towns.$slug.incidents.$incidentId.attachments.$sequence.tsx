import type { LoaderFunctionArgs } from '@remix-run/node';
import { attachmentOriginal } from '#app/domain/incidents/incidents.server';
import { safeFileName } from '#app/domain/incidents/evidence/case-file.server';
import { requireId, routeLoader, signedInTownPage } from '#app/web/guard.server';

/** An original as it was uploaded, always as a download (never rendered in the page's origin). */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const original = await attachmentOriginal(actor, { incidentId: requireId(args.params.incidentId), townId: town.id, sequence: requireId(args.params.sequence) });
  return new Response(new Uint8Array(original.bytes), {
    headers: {
      'Content-Type': original.mimeType,
      'Content-Disposition': `attachment; filename="${safeFileName(original.fileName)}"; filename*=UTF-8''${encodeURIComponent(original.fileName)}`,
      'Content-Length': String(original.bytes.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
