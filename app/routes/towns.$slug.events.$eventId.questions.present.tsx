/** The big screen of an event's Q&A: the live question, updated as moderators choose it. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { routeLoader } from '#app/web/guard.server';
import { presentLoader } from '#app/web/dialogues.server';
import { PresentPage, type PresentView } from '#app/components/dialogues/questions-pages';
import dialoguesCss from '#app/styles/dialogues.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, presentLoader);

export default function Route() {
  return <PresentPage view={useLoaderData<typeof loader>() as unknown as PresentView} />;
}
