/** One event: its facts, description and registration. */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { routeAction, routeLoader } from '#app/web/guard.server';
import dialoguesCss from '#app/styles/dialogues.css';
import { eventPageLoader, eventPageAction } from '#app/web/dialogues.server';
import { EventPageLive } from '#app/components/dialogues/live';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, eventPageLoader);
export const action = (args: ActionFunctionArgs) => routeAction(args, eventPageAction);

export default function Route() {
  return <EventPageLive view={useLoaderData<typeof loader>() as never} />;
}
