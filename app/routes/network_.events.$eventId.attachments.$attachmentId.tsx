/** A file documenting an event: a download for whoever may read the event. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { routeLoader } from '#app/web/guard.server';
import { attachmentLoader } from '#app/web/dialogues.server';

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, attachmentLoader);
