import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { idSchema } from '#app/domain/ids';
import { changeRoleSchema, inviteSchema, markOfficialSchema } from '#app/domain/municipalities/schemas';
import { changeRole, inviteStaff, listInvitations, listMembers, markOfficial, revokeInvitation } from '#app/domain/municipalities/members.server';
import { canManageMembers, STAFF_ROLES, TOWN_ROLES } from '#app/domain/auth/permissions';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm, useFormReply } from '#app/web/form';
import { routeAction, routeLoader, townPage, signedInTownPage } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { DomainError } from '#app/domain/errors';
import { Field, FormAlert, Notice, SelectField } from '#app/components/ui/field';
import { useDateFormat } from '#app/components/use-date-format';

export const handle = { i18n: ['common', 'towns', 'auth'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const NOTICES = ['invited', 'roleChanged', 'invitationRevoked', 'officialMarked', 'officialUnmarked'] as const;

/** Town admins manage their town's people; the network team may step in for any town (so: not requireMember). */
async function requireManager(args: Parameters<typeof townPage>[0]) {
  const { actor, town } = await signedInTownPage(args);
  if (!canManageMembers(actor, town.id)) throw new DomainError('forbidden', 'common:errors.forbidden');
  return { actor, town };
}

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireManager(args);
  const done = new URL(args.request.url).searchParams.get('done');
  return {
    title: await pageTitle(args, 'towns:members.pageTitle', { town: town.name }),
    members: await listMembers(actor, { townId: town.id }),
    invitations: await listInvitations(actor, { townId: town.id }),
    me: actor.userId,
    notice: NOTICES.find((key) => key === done) ?? null,
  };
});

const inviteForm = inviteSchema.extend({ intent: z.literal('invite') });
const membersSchema = z.discriminatedUnion('intent', [
  inviteForm,
  changeRoleSchema.extend({ intent: z.literal('change-role') }),
  markOfficialSchema.extend({ intent: z.literal('mark-official') }),
  z.object({ intent: z.literal('revoke-invitation'), invitationId: idSchema }),
]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireManager(args);
  const submission = await parseSubmission(args.request, membersSchema);
  if (submission.status !== 'success') return rejected(submission, membersSchema);
  const input = submission.value;
  const back = (done: (typeof NOTICES)[number]) => redirect(`/towns/${town.slug}/members?done=${done}`);
  return attempt(args.request, submission, membersSchema, async () => {
    if (input.intent === 'invite') {
      await inviteStaff(actor, { townId: town.id, email: input.email, role: input.role });
      return back('invited');
    }
    if (input.intent === 'change-role') {
      await changeRole(actor, { townId: town.id, userId: input.userId, role: input.role });
      return back('roleChanged');
    }
    if (input.intent === 'mark-official') {
      await markOfficial(actor, { townId: town.id, userId: input.userId, official: input.official });
      return back(input.official ? 'officialMarked' : 'officialUnmarked');
    }
    await revokeInvitation(actor, { townId: town.id, invitationId: input.invitationId });
    return back('invitationRevoked');
  });
});

export default function Members() {
  const { t } = useTranslation(['towns', 'common', 'auth']);
  const { members, invitations, me, notice } = useLoaderData<typeof loader>();
  const [inviteFormMeta, inviteFields] = useAppForm(inviteForm, { formName: 'invite', defaultValue: { role: 'moderator' } });
  const roleReply = useFormReply('change-role');
  const revokeReply = useFormReply('revoke-invitation');
  const officialReply = useFormReply('mark-official');
  const busy = useNavigation().state === 'submitting';
  const formatDate = useDateFormat({ dateStyle: 'medium' });
  return (
    <div className="stack">
      {notice ? <Notice>{t(`members.done.${notice}`)}</Notice> : null}
      <FormAlert errors={roleReply?.error?.[''] ?? roleReply?.error?.userId ?? roleReply?.error?.role ?? officialReply?.error?.[''] ?? officialReply?.error?.userId ?? revokeReply?.error?.[''] ?? undefined} />
      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('members.inviteHeading')}</h2>
        <p>{t('members.inviteText')}</p>
        <Form method="post" className="stack" {...getFormProps(inviteFormMeta)}>
          <input type="hidden" name="intent" value="invite" />
          <FormAlert errors={inviteFormMeta.errors} />
          <Field field={inviteFields.email} type="email" label={t('auth:fields.email')} autoComplete="off" />
          <SelectField field={inviteFields.role} label={t('members.role')} options={STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
          <button type="submit" className="button primary" disabled={busy}>
            {t('members.invite')}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">{t('members.title')}</h2>
        <p id="official-help">{t('members.officialHelp')}</p>
        <table>
          <caption className="visually-hidden">{t('members.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('members.official')}</th>
              <th scope="col">{t('members.since')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.userId}>
                <td>
                  <bdi>{member.displayName}</bdi>
                </td>
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
                <td>
                  <OfficialMark member={member} />
                </td>
                <td>{formatDate(member.since)}</td>
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

/** Whether a member is an official: by role (nothing to change here), or by the town's mark, which the admin sets. */
function OfficialMark({ member }: { member: { userId: string; displayName: string; markedOfficial: boolean; isOfficial: boolean } }) {
  const { t } = useTranslation('towns');
  if (member.isOfficial && !member.markedOfficial) return <span>{t('members.officialByRole')}</span>;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="mark-official" />
      <input type="hidden" name="userId" value={member.userId} />
      <input type="hidden" name="official" value={member.markedOfficial ? 'false' : 'true'} />
      <span>{member.markedOfficial ? t('members.markedOfficial') : t('members.notOfficial')}</span>
      <button type="submit" className="button small" aria-describedby="official-help">
        {member.markedOfficial ? t('members.unmarkOfficial') : t('members.markOfficial')}
        <span className="visually-hidden"> – {member.displayName}</span>
      </button>
    </Form>
  );
}
