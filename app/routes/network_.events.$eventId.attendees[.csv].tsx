/** The attendee list as CSV, for the event's organisers only. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { routeLoader } from '#app/web/guard.server';
import { attendeesCsvLoader } from '#app/web/dialogues.server';

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, attendeesCsvLoader);
