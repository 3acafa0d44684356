/** The organiser's form: schedule a new event, or edit, publish and cancel one. */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { routeAction, routeLoader } from '#app/web/guard.server';
import dialoguesCss from '#app/styles/dialogues.css';
import { eventFormLoader, eventFormAction } from '#app/web/dialogues.server';
import { EventFormPage, type EventFormPageProps } from '#app/components/dialogues/event-pages';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues', 'editor'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, eventFormLoader);
export const action = (args: ActionFunctionArgs) => routeAction(args, eventFormAction);

export default function Route() {
  return <EventFormPage {...(useLoaderData<typeof loader>() as unknown as EventFormPageProps)} />;
}
