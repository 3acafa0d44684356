/** Check-in at the door, on the organiser's phone: scan or type a code. */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { routeAction, routeLoader } from '#app/web/guard.server';
import dialoguesCss from '#app/styles/dialogues.css';
import { checkInLoader, checkInAction } from '#app/web/dialogues.server';
import { CheckInPage, type CheckInView } from '#app/components/dialogues/organiser-pages';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, checkInLoader);
export const action = (args: ActionFunctionArgs) => routeAction(args, checkInAction);

export default function Route() {
  return <div className="page"><CheckInPage view={useLoaderData<typeof loader>() as unknown as CheckInView} /></div>;
}
