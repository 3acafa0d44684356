import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { changeRoleSchema, inviteSchema } from '#app/domain/municipalities/schemas';
import { changeRole, inviteStaff, listInvitations, listMembers, revokeInvitation } from '#app/domain/municipalities/members.server';
import { canManageMembers, STAFF_ROLES, TOWN_ROLES } from '#app/domain/auth/permissions';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { requestContext, requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice, SelectField } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'towns', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  if (!canManageMembers(actor, town.id)) throw new Response('Forbidden', { status: 403 });
  const url = new URL(request.url);
  return {
    title: await pageTitle(request, context, 'towns:members.pageTitle', { town: town.name }),
    members: await listMembers(actor, town.id),
    invitations: await listInvitations(actor, town.id),
    me: actor.userId,
    notice: url.searchParams.get('done'),
  };
}

const revokeSchema = z.object({ invitationId: z.coerce.number().int().positive() });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const formData = await request.formData();
  const intent = formData.get('intent');
  try {
    if (intent === 'invite') {
      const parsed = parseForm(inviteSchema, formData);
      if (!parsed.ok) return invalid(parsed.failure);
      await inviteStaff(actor, town.id, parsed.value, (await requestContext(request, context)).origin);
      return redirect(`/towns/${town.slug}/members?done=invited`);
    }
    if (intent === 'change-role') {
      const parsed = parseForm(changeRoleSchema, formData);
      if (!parsed.ok) return invalid(parsed.failure);
      await changeRole(actor, town.id, parsed.value);
      return redirect(`/towns/${town.slug}/members?done=roleChanged`);
    }
    if (intent === 'revoke-invitation') {
      const parsed = parseForm(revokeSchema, formData);
      if (!parsed.ok) return invalid(parsed.failure);
      await revokeInvitation(actor, town.id, parsed.value.invitationId);
      return redirect(`/towns/${town.slug}/members?done=invitationRevoked`);
    }
  } catch (error) {
    return domainFailure(error, formData);
  }
  return invalid({ ok: false, fields: {}, errors: { form: { key: 'common:errors.invalid' } } });
}

export default function Members() {
  const { t, i18n } = useTranslation(['towns', 'common', 'auth']);
  const { members, invitations, me, notice } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  const busy = useNavigation().state === 'submitting';
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <div className="stack">
      {notice ? <Notice>{t(`members.done.${notice}`)}</Notice> : null}
      <FormAlert error={errors.form ?? errors.userId} />
      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('members.inviteHeading')}</h2>
        <p>{t('members.inviteText')}</p>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="invite" />
          <Field name="email" type="email" label={t('auth:fields.email')} autoComplete="off" required defaultValue={value('email')} error={errors.email} />
          <SelectField
            name="role"
            label={t('members.role')}
            defaultValue={value('role', 'moderator')}
            error={errors.role}
            options={STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {t('members.invite')}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">{t('members.title')}</h2>
        <table>
          <caption className="visually-hidden">{t('members.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('members.since')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.userId}>
                <td>{member.displayName}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="userId" value={member.userId} />
                    <label htmlFor={`role-${member.userId}`} className="visually-hidden">
                      {t('members.roleOf', { name: member.displayName })}
                    </label>
                    <select id={`role-${member.userId}`} name="role" defaultValue={member.role} disabled={member.userId === me}>
                      {TOWN_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                    {member.userId === me ? null : (
                      <button type="submit" className="button small">
                        {t('members.changeRole')}
                        <span className="visually-hidden"> – {member.displayName}</span>
                      </button>
                    )}
                  </Form>
                </td>
                <td>{date.format(new Date(member.since))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t('members.invitationsHeading')}</h2>
        {invitations.length === 0 ? (
          <p>{t('members.noInvitations')}</p>
        ) : (
          <ul className="plain-list">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                {invitation.email} – {t(`roles.${invitation.role}`)} – {t(`members.status.${invitation.status}`)}
                {invitation.status === 'open' ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="revoke-invitation" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" className="button small">
                      {t('members.revokeInvitation')}
                      <span className="visually-hidden"> – {invitation.email}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
