/** One event as a calendar file; with the join link only for a registrant. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { routeLoader } from '#app/web/guard.server';
import { eventIcsLoader } from '#app/web/dialogues.server';

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, eventIcsLoader);
