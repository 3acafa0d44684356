/** An event's live Q&A: ask, upvote, and (organisers, moderators) mark questions; without JavaScript too. */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { routeAction, routeLoader } from '#app/web/guard.server';
import { questionsAction, questionsLoader } from '#app/web/dialogues.server';
import { QuestionsPage, type QuestionsPageView } from '#app/components/dialogues/questions-pages';
import dialoguesCss from '#app/styles/dialogues.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, questionsLoader);
export const action = (args: ActionFunctionArgs) => routeAction(args, questionsAction);

export default function Route() {
  return <div className="page"><QuestionsPage view={useLoaderData<typeof loader>() as unknown as QuestionsPageView} /></div>;
}
