/** The town's calendar feed (iCal): its events and the network's. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { routeLoader } from '#app/web/guard.server';
import { feedLoader } from '#app/web/dialogues.server';

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, feedLoader);
