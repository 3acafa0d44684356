/**
 * Any address no other route answers. Without this route Remix would answer the 404 before the root loader
 * ran, and the page would show a signed-in person as signed out, in the wrong language.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { routeAction, routeLoader } from '#app/web/guard.server';
import { DomainError } from '#app/domain/errors';

export const loader = (args: LoaderFunctionArgs) =>
  routeLoader(args, async () => {
    throw new DomainError('not_found', 'common:errorPage.notFound.title');
  });

export const action = (args: ActionFunctionArgs) =>
  routeAction(args, async () => {
    throw new DomainError('not_found', 'common:errorPage.notFound.title');
  });

// A route needs a component to render its error boundary inside the root's shell; it never renders itself.
export default function NotFound() {
  return null;
}
