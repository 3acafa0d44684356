/** The organisers' list of registrations, with live counts. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { routeLoader } from '#app/web/guard.server';
import dialoguesCss from '#app/styles/dialogues.css';
import { registrationsLoader } from '#app/web/dialogues.server';
import { RegistrationsPage } from '#app/components/dialogues/organiser-pages';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dialoguesCss }];
export const handle = { i18n: ['common', 'dialogues'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, registrationsLoader);

export default function Route() {
  return <div className="page"><RegistrationsPage view={useLoaderData<typeof loader>() as never} /></div>;
}
