/** The upcoming events, with filters. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { routeLoader } from '#app/web/guard.server';
import dialoguesCss from '#app/styles/dialogues.css';
import { eventListLoader } from '#app/web/dialogues.server';
import { EventListPage } from '#app/components/dialogues/event-pages';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, eventListLoader);

export default function Route() {
  return <div className="page"><EventListPage view={useLoaderData<typeof loader>() as never} /></div>;
}
