/** The month calendar of events. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { routeLoader } from '#app/web/guard.server';
import dialoguesCss from '#app/styles/dialogues.css';
import { calendarLoader } from '#app/web/dialogues.server';
import { CalendarPage } from '#app/components/dialogues/event-pages';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, calendarLoader);

export default function Route() {
  return <CalendarPage view={useLoaderData<typeof loader>() as never} />;
}
