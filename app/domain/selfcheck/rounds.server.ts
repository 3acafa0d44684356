/**
 * Rounds of a town's self-check: the town admin opens one on a questionnaire version, invites members of
 * the town, watches who has answered how much (never what), and closes it — which freezes the scores.
 * Every query names the town, so another town's round is "not found".
 */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/bus.server';
import { isStaffIn, type MaybeActor } from '#app/domain/auth/permissions';
import { settings } from '#app/env.server';
import { requireSignedIn, requireTownAdmin } from './access';
import { sendSelfcheckMail } from './mail.server';
import { scoreRound, type AnswerValue, type RoundResponse, type RoundScores } from './scoring';
import { templateById } from './templates.server';

export interface RoundSummary {
  id: number;
  title: string;
  status: 'open' | 'closed';
  templateId: number;
  templateKey: string;
  templateVersion: number;
  openedAt: Date;
  closedAt: Date | null;
  respondents: number;
  finished: number;
  /** the reader is a respondent of this round */
  invited: boolean;
}

export interface RespondentProgress {
  userId: string;
  displayName: string;
  role: string | null;
  answered: number;
  questions: number;
  lastSavedAt: Date | null;
  finishedAt: Date | null;
}

export interface RoundDetail extends RoundSummary {
  questions: number;
  progress: RespondentProgress[];
}

const summaryColumns = (userId: string) => sql`
  r.id, r.title, r.status, r.template_id, t.template_key, t.version as template_version, r.opened_at, r.closed_at,
  (select count(*)::int from selfcheck_respondents s where s.round_id = r.id) as respondents,
  (select count(*)::int from selfcheck_respondents s where s.round_id = r.id and s.finished_at is not null) as finished,
  exists (select 1 from selfcheck_respondents s where s.round_id = r.id and s.user_id = ${userId}) as invited`;

/** Opens a round; a town has at most one open round. Returns its id. */
export async function openRound(actor: MaybeActor, input: { townId: number; title: string; templateId: number }): Promise<number> {
  const admin = requireTownAdmin(actor, input.townId);
  await templateById(sql, input.templateId);
  return sql.begin(async (tx) => {
    const [open] = await tx`select 1 from selfcheck_rounds where municipality_id = ${input.townId} and status = 'open' for update`;
    if (open) throw new DomainError('conflict', 'selfcheck:errors.roundAlreadyOpen');
    const [row] = await tx`
      insert into selfcheck_rounds (municipality_id, template_id, title, opened_by)
      values (${input.townId}, ${input.templateId}, ${input.title}, ${admin.userId})
      on conflict do nothing returning id`;
    if (!row) throw new DomainError('conflict', 'selfcheck:errors.roundAlreadyOpen');
    await publish(tx, { type: 'round:progress', townId: input.townId, roundId: Number(row.id) });
    return Number(row.id);
  });
}

/**
 * The rounds of a town the reader may know of: the admin every round; other staff the closed ones; a member
 * the rounds they were invited to.
 */
export async function listRounds(actor: MaybeActor, { townId }: { townId: number }): Promise<RoundSummary[]> {
  const reader = requireSignedIn(actor);
  const admin = reader.roles[townId] === 'admin';
  const staff = isStaffIn(reader, townId);
  return sql<RoundSummary[]>`
    select ${summaryColumns(reader.userId)}
      from selfcheck_rounds r join selfcheck_templates t on t.id = r.template_id
     where r.municipality_id = ${townId}
       and (${admin} or (${staff} and r.status = 'closed')
            or exists (select 1 from selfcheck_respondents s where s.round_id = r.id and s.user_id = ${reader.userId}))
     order by r.opened_at desc, r.id desc limit 100`;
}

/** The admin's view of a round: how far each respondent is (counts only, never their answers). */
export async function getRoundProgress(actor: MaybeActor, { townId, roundId }: { townId: number; roundId: number }): Promise<RoundDetail> {
  const admin = requireTownAdmin(actor, townId);
  const [round] = await sql<RoundSummary[]>`
    select ${summaryColumns(admin.userId)} from selfcheck_rounds r join selfcheck_templates t on t.id = r.template_id
     where r.id = ${roundId} and r.municipality_id = ${townId}`;
  if (!round) throw new DomainError('not_found', 'selfcheck:errors.roundNotFound');
  const { template } = await templateById(sql, round.templateId);
  const questions = template.dimensions.reduce((n, d) => n + d.questions.length, 0);
  const progress = await sql<RespondentProgress[]>`
    select s.user_id, u.display_name, m.role, s.last_saved_at, s.finished_at,
           (select count(*)::int from selfcheck_answers a
             where a.round_id = s.round_id and a.user_id = s.user_id and (a.value is not null or a.not_applicable)) as answered
      from selfcheck_respondents s
      join users u on u.id = s.user_id
      left join memberships m on m.user_id = s.user_id and m.municipality_id = ${townId}
     where s.round_id = ${roundId}
     order by lower(u.display_name)`;
  return { ...round, questions, progress: progress.map((p) => ({ ...p, questions })) };
}

/** Members of the town not yet invited to the round, staff first (for the invitation form). */
export async function listInvitableMembers(actor: MaybeActor, { townId, roundId }: { townId: number; roundId: number }) {
  requireTownAdmin(actor, townId);
  return sql<{ userId: string; displayName: string; role: string }[]>`
    select u.id as user_id, u.display_name, m.role
      from memberships m join users u on u.id = m.user_id
     where m.municipality_id = ${townId}
       and not exists (select 1 from selfcheck_respondents s where s.round_id = ${roundId} and s.user_id = m.user_id)
     order by case m.role when 'member' then 1 else 0 end, lower(u.display_name) limit 500`;
}

async function lockOpenRound(tx: Tx, townId: number, roundId: number) {
  const [round] = await tx`select id, status, title, template_id from selfcheck_rounds where id = ${roundId} and municipality_id = ${townId} for update`;
  if (!round) throw new DomainError('not_found', 'selfcheck:errors.roundNotFound');
  if (round.status !== 'open') throw new DomainError('conflict', 'selfcheck:errors.roundClosed');
  return round as { id: number; status: string; title: string; templateId: number };
}

/** Invites members of the town (anyone else is skipped: not found in this town) and mails them the link. */
export async function inviteRespondents(actor: MaybeActor, input: { townId: number; roundId: number; userIds: string[] }): Promise<number> {
  const admin = requireTownAdmin(actor, input.townId);
  return sql.begin(async (tx) => {
    const round = await lockOpenRound(tx, input.townId, input.roundId);
    const invited = await tx`
      insert into selfcheck_respondents (round_id, user_id, invited_by)
      select ${input.roundId}, m.user_id, ${admin.userId}
        from memberships m where m.municipality_id = ${input.townId} and m.user_id = any(${input.userIds}::text[])
      on conflict do nothing
      returning user_id`;
    if (!invited.length) throw new DomainError('invalid', 'selfcheck:errors.chooseRespondents', {}, 'userIds');
    const [town] = await tx`select slug, name from municipalities where id = ${input.townId}`;
    const people = await tx`select email, language from users where id = any(${invited.map((r) => r.userId)}::text[])`;
    for (const person of people) {
      await sendSelfcheckMail(tx, 'invited', person as { email: string; language: string }, {
        town: town.name,
        round: round.title,
        inviter: admin.displayName,
        link: `${settings().publicOrigin}/towns/${town.slug}/selfcheck/rounds/${input.roundId}/answer`,
      });
    }
    await publish(tx, { type: 'round:progress', townId: input.townId, roundId: input.roundId });
    return invited.length;
  });
}

/** The stored answers of a round, as the scoring reads them. */
export async function responsesOf(tx: Tx | typeof sql, roundId: number): Promise<RoundResponse[]> {
  const rows = await tx`select user_id, question_key, value, not_applicable from selfcheck_answers where round_id = ${roundId} order by user_id`;
  const byPerson = new Map<string, Record<string, AnswerValue>>();
  for (const row of rows) {
    const answers = byPerson.get(row.userId) ?? {};
    answers[row.questionKey] = row.notApplicable ? 'not_applicable' : row.value === null ? null : Number(row.value);
    byPerson.set(row.userId, answers);
  }
  // Only people who answered at least one question count as respondents of the result.
  return [...byPerson].filter(([, answers]) => Object.values(answers).some((v) => v !== null)).map(([respondentId, answers]) => ({ respondentId, answers }));
}

/** Closes the round and freezes its scores. Needs at least one answer. */
export async function closeRound(actor: MaybeActor, { townId, roundId }: { townId: number; roundId: number }): Promise<RoundScores> {
  const admin = requireTownAdmin(actor, townId);
  return sql.begin(async (tx) => {
    const round = await lockOpenRound(tx, townId, roundId);
    const { template } = await templateById(tx, round.templateId);
    const responses = await responsesOf(tx, roundId);
    if (!responses.length) throw new DomainError('conflict', 'selfcheck:errors.noAnswersYet');
    // Answers were checked when saved; the template cannot have changed since (versions are immutable).
    const scores = scoreRound(template, responses);
    await tx`update selfcheck_rounds set status = 'closed', closed_at = now(), closed_by = ${admin.userId}, scores = ${tx.json(scores as never)}
              where id = ${roundId}`;
    await publish(tx, { type: 'round:progress', townId, roundId });
    return scores;
  });
}
