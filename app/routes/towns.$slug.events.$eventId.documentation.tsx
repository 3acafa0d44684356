/** The organisers document an event after it began: summary, outcomes, recording link. */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { routeAction, routeLoader } from '#app/web/guard.server';
import { documentationAction, documentationLoader } from '#app/web/dialogues.server';
import { DocumentationPage, type DocumentationPageProps } from '#app/components/dialogues/event-pages';
import dialoguesCss from '#app/styles/dialogues.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues', 'editor'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, documentationLoader);
export const action = (args: ActionFunctionArgs) => routeAction(args, documentationAction);

export default function Route() {
  return <DocumentationPage {...(useLoaderData<typeof loader>() as unknown as DocumentationPageProps)} />;
}
