/** The network's calendar feed (iCal). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { routeLoader } from '#app/web/guard.server';
import { feedLoader } from '#app/web/dialogues.server';

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, feedLoader);
