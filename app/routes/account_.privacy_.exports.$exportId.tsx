import { type LoaderFunctionArgs } from '@remix-run/node';
import { getExportArchive } from '#app/domain/personal-data/export.server';
import { requireActor, requireId, routeLoader } from '#app/web/guard.server';

/** The archive of one export, for its own account only (anyone else: 404). */
export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const actor = await requireActor(args);
  const { bytes, fileName } = await getExportArchive(actor, { exportId: requireId(args.params.exportId) });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Content-Length': String(bytes.length),
      'Cache-Control': 'private, no-store',
    },
  });
});
