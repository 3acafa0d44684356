import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isOfficial } from '#app/domain/auth/permissions';
import { idField } from '#app/domain/ids';
import { trustPersonSchema } from '#app/domain/incidents/schemas';
import { addTrustPerson, listTrustPersons, revokeTrustPerson } from '#app/domain/incidents/trust.server';
import { formAction } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { useDateFormat } from '#app/components/use-date-format';
import { Field, FormAlert, Notice } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'incidents'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, isOfficial);
  return {
    title: await pageTitle(args, 'incidents:trust.pageTitle'),
    people: await listTrustPersons(actor, { townId: town.id }),
    done: new URL(args.request.url).searchParams.get('done')?.slice(0, 20) ?? null,
  };
});

const trustActions = z.discriminatedUnion('intent', [trustPersonSchema, z.object({ intent: z.literal('revoke'), trustId: idField() })]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, isOfficial);
  return formAction(args.request, trustActions, async (input) => {
    if (input.intent === 'add') await addTrustPerson(actor, { townId: town.id, email: input.email });
    else await revokeTrustPerson(actor, { townId: town.id, trustId: input.trustId });
    return redirect(`/towns/${town.slug}/incidents/trust?done=${input.intent}`);
  });
});

/** The people who may read all of this official's incidents; any account, named by its e-mail address. */
export default function TrustPersons() {
  const { t } = useTranslation('incidents');
  const { people, done } = useLoaderData<typeof loader>();
  const formatDate = useDateFormat({ dateStyle: 'medium' });
  const [form, fields] = useAppForm(trustPersonSchema, { formName: 'add', id: 'trust-add' });
  return (
    <div className="stack narrow">
      <h2>{t('trust.heading')}</h2>
      {done ? <Notice>{done === 'add' ? t('trust.added') : t('trust.revoked')}</Notice> : null}
      <p>{t('trust.intro')}</p>
      {people.length ? (
        <ul className="plain-list">
          {people.map((person) => (
            <li key={person.id} className="card">
              <p>
                <bdi>{person.name}</bdi> (<span dir="ltr">{person.email}</span>) · {t('trust.since', { date: formatDate(person.since) })}
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="trustId" value={person.id} />
                <button type="submit" name="intent" value="revoke" className="button small danger">
                  {t('trust.revoke')}
                  <span className="visually-hidden"> – {person.name}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('trust.none')}</p>
      )}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <h3>{t('trust.addHeading')}</h3>
        <FormAlert errors={form.errors} />
        <Field field={fields.email} type="email" label={t('trust.email')} hint={t('trust.emailHint')} autoComplete="off" dir="ltr" />
        <button type="submit" name="intent" value="add" className="button primary">
          {t('trust.add')}
        </button>
      </Form>
    </div>
  );
}
