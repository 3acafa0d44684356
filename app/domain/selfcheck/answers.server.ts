/**
 * One respondent's answers: only they read or write them, only while the round is open (afterwards they
 * read them still). Saved as they go (autosave), so they can leave and come back.
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/bus.server';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { requireSignedIn } from './access';
import type { QuestionnaireTemplate } from './questionnaire';
import { checkAnswer, type AnswerValue } from './scoring';
import { templateById } from './templates.server';

export interface StoredAnswer {
  value: AnswerValue;
  comment: string;
}

export interface MyQuestionnaire {
  roundId: number;
  title: string;
  status: 'open' | 'closed';
  templateId: number;
  template: QuestionnaireTemplate;
  answers: Record<string, StoredAnswer>;
  lastSavedAt: Date | null;
  finishedAt: Date | null;
}

/** The round as its respondent sees it, with their own answers (nobody else's). */
export async function getMyQuestionnaire(actor: MaybeActor, { townId, roundId }: { townId: number; roundId: number }): Promise<MyQuestionnaire> {
  const me = requireSignedIn(actor);
  const [round] = await sql`
    select r.id, r.title, r.status, r.template_id, s.last_saved_at, s.finished_at
      from selfcheck_rounds r join selfcheck_respondents s on s.round_id = r.id and s.user_id = ${me.userId}
     where r.id = ${roundId} and r.municipality_id = ${townId}`;
  if (!round) throw new DomainError('not_found', 'selfcheck:errors.roundNotFound');
  const { template } = await templateById(sql, round.templateId);
  const rows = await sql`select question_key, value, not_applicable, comment from selfcheck_answers where round_id = ${roundId} and user_id = ${me.userId}`;
  const answers: Record<string, StoredAnswer> = {};
  for (const row of rows) {
    answers[row.questionKey] = { value: row.notApplicable ? 'not_applicable' : row.value === null ? null : Number(row.value), comment: row.comment };
  }
  return {
    roundId: Number(round.id),
    title: round.title,
    status: round.status,
    templateId: Number(round.templateId),
    template,
    answers,
    lastSavedAt: round.lastSavedAt,
    finishedAt: round.finishedAt,
  };
}

/** A posted answer (`na`, a scale point, or empty) as stored. */
export const answerValueOf = (posted: string | undefined): AnswerValue => (posted === undefined || posted === '' ? null : posted === 'na' ? 'not_applicable' : Number(posted));

/**
 * Saves the questions posted (others stay as they were). Every answer is checked against its question's
 * scale; `finish` marks the respondent done (they may still change answers until the round closes).
 */
export async function saveMyAnswers(
  actor: MaybeActor,
  input: { townId: number; roundId: number; answers: Record<string, { value?: string; comment?: string }>; finish?: boolean },
): Promise<{ savedAt: Date; answered: number }> {
  const me = requireSignedIn(actor);
  return sql.begin(async (tx) => {
    const [round] = await tx`
      select r.status, r.template_id from selfcheck_rounds r
        join selfcheck_respondents s on s.round_id = r.id and s.user_id = ${me.userId}
       where r.id = ${input.roundId} and r.municipality_id = ${input.townId}
         for update of s`;
    if (!round) throw new DomainError('not_found', 'selfcheck:errors.roundNotFound');
    if (round.status !== 'open') throw new DomainError('conflict', 'selfcheck:errors.roundClosed');
    const { template } = await templateById(tx, round.templateId);
    const questions = new Map(template.dimensions.flatMap((d) => d.questions.map((q) => [q.key, q] as const)));
    const rows: { key: string; value: number | null; notApplicable: boolean; comment: string }[] = [];
    for (const [key, posted] of Object.entries(input.answers)) {
      const question = questions.get(key);
      if (!question) throw new DomainError('invalid', 'selfcheck:errors.unknownQuestion', { questionKey: key });
      const value = answerValueOf(posted.value);
      checkAnswer(question, value);
      const comment = question.allowsComment ? (posted.comment ?? '').trim() : '';
      rows.push({ key, value: typeof value === 'number' ? value : null, notApplicable: value === 'not_applicable', comment });
    }
    for (const row of rows) {
      if (row.value === null && !row.notApplicable && !row.comment) {
        await tx`delete from selfcheck_answers where round_id = ${input.roundId} and user_id = ${me.userId} and question_key = ${row.key}`;
        continue;
      }
      await tx`
        insert into selfcheck_answers (round_id, user_id, question_key, value, not_applicable, comment)
        values (${input.roundId}, ${me.userId}, ${row.key}, ${row.value}, ${row.notApplicable}, ${row.comment})
        on conflict (round_id, user_id, question_key) do update
          set value = excluded.value, not_applicable = excluded.not_applicable, comment = excluded.comment, updated_at = now()
          where (selfcheck_answers.value, selfcheck_answers.not_applicable, selfcheck_answers.comment)
                is distinct from (excluded.value, excluded.not_applicable, excluded.comment)`;
    }
    const [saved] = await tx`
      update selfcheck_respondents set last_saved_at = now(), finished_at = case when ${input.finish ?? false} then coalesce(finished_at, now()) else finished_at end
       where round_id = ${input.roundId} and user_id = ${me.userId}
      returning last_saved_at,
                (select count(*)::int from selfcheck_answers a where a.round_id = ${input.roundId} and a.user_id = ${me.userId}
                    and (a.value is not null or a.not_applicable)) as answered`;
    await publish(tx, { type: 'round:progress', townId: input.townId, roundId: input.roundId });
    return { savedAt: saved.lastSavedAt, answered: saved.answered };
  });
}
