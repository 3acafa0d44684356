/**
 * Appeals (DSA art. 20): the person affected by a decision — and a reporter, against a decision to leave
 * the content up — may appeal once, within six months. Another moderator than the one who decided first
 * takes the appeal; upheld or reversed, the appellant is told why, and a reversal is undone live.
 */
import { sql } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/bus.server';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { recordAudit } from './audit.server';
import { appealRole, getDecision, reverseDecision, type DecisionView } from './decisions.server';
import { decisionLink, noticeToMember } from './notices.server';
import { requireModerator } from './access';

export async function fileAppeal(actor: MaybeActor, input: { decisionId: number; text: string }): Promise<{ appealId: number }> {
  const { decisionId } = input;
  const decision = await getDecision(actor, { decisionId });
  const role = appealRole(decision.viewerRole, decision.action);
  if (!role) throw new DomainError('forbidden', 'moderation:errors.cannotAppeal');
  if (decision.appeal) throw new DomainError('conflict', 'moderation:errors.alreadyAppealed', {}, 'text');
  if (decision.reversedAt || new Date(decision.appealableUntil) <= new Date()) throw new DomainError('invalid', 'moderation:errors.appealClosed', {}, 'text');
  return sql.begin(async (tx) => {
    const [town] = await tx`select municipality_id from moderation_decisions where id = ${decisionId}`;
    const townId = Number(town.municipalityId);
    const [appeal] = await tx`
      insert into appeals (municipality_id, decision_id, appellant_id, appellant_role, text)
      values (${townId}, ${decisionId}, ${actor!.userId}, ${role}, ${input.text})
      on conflict (decision_id, appellant_id) do nothing returning id`;
    if (!appeal) throw new DomainError('conflict', 'moderation:errors.alreadyAppealed', {}, 'text');
    const appealId = Number(appeal.id);
    await recordAudit(tx, { townId, actorId: actor!.userId, action: 'appeal', decisionId, appealId });
    await publish(tx, { type: 'queue:changed', townId });
    return { appealId };
  });
}

export interface AppealSummary {
  id: number;
  decisionId: number;
  action: string;
  appellantRole: 'author' | 'reporter';
  appellantName: string | null;
  createdAt: Date;
  /** The moderator who took the decision may not decide the appeal. */
  decidedByMe: boolean;
}


export async function listOpenAppeals(actor: MaybeActor, { townId }: { townId: number }): Promise<AppealSummary[]> {
  const moderator = requireModerator(actor, townId);
  return sql<AppealSummary[]>`
    select a.id, a.decision_id, d.action, a.appellant_role, u.display_name as appellant_name, a.created_at,
           coalesce(d.moderator_id = ${moderator.userId}, false) as decided_by_me
      from appeals a join moderation_decisions d on d.id = a.decision_id left join users u on u.id = a.appellant_id
     where a.municipality_id = ${townId} and a.status = 'open'
     order by a.created_at, a.id`;
}

export interface AppealDetail {
  id: number;
  status: 'open' | 'upheld' | 'reversed';
  text: string;
  appellantRole: 'author' | 'reporter';
  appellantName: string | null;
  createdAt: Date;
  outcomeReasons: string | null;
  decidedByName: string | null;
  decision: DecisionView;
  /** False for the moderator who took the original decision. */
  mayDecide: boolean;
}

export async function getAppeal(actor: MaybeActor, { townId, appealId }: { townId: number; appealId: number }): Promise<AppealDetail> {
  const moderator = requireModerator(actor, townId);
  const [appeal] = await sql`
    select a.id, a.status, a.text, a.appellant_role, u.display_name as appellant_name, a.created_at, a.outcome_reasons,
           du.display_name as decided_by_name, a.decision_id, d.moderator_id
      from appeals a join moderation_decisions d on d.id = a.decision_id
      left join users u on u.id = a.appellant_id left join users du on du.id = a.decided_by
     where a.id = ${appealId} and a.municipality_id = ${townId}`;
  if (!appeal) throw new DomainError('not_found', 'moderation:errors.appealNotFound');
  const decision = await getDecision(moderator, { decisionId: Number(appeal.decisionId) });
  const { decisionId: _decisionId, moderatorId, ...rest } = appeal;
  return { ...(rest as unknown as AppealDetail), id: Number(appeal.id), decision, mayDecide: appeal.status === 'open' && moderatorId !== moderator.userId };
}

export async function decideAppeal(
  actor: MaybeActor,
  input: { townId: number; appealId: number; outcome: 'upheld' | 'reversed'; reasons: string },
): Promise<void> {
  const { townId, appealId } = input;
  const moderator = requireModerator(actor, townId);
  await sql.begin(async (tx) => {
    const [appeal] = await tx`
      select a.id, a.status, a.decision_id, a.appellant_id, d.moderator_id from appeals a join moderation_decisions d on d.id = a.decision_id
       where a.id = ${appealId} and a.municipality_id = ${townId} for update of a`;
    if (!appeal) throw new DomainError('not_found', 'moderation:errors.appealNotFound');
    if (appeal.moderatorId === moderator.userId) throw new DomainError('forbidden', 'moderation:errors.sameModerator', {}, 'outcome');
    if (appeal.status !== 'open') throw new DomainError('conflict', 'moderation:errors.appealAlreadyDecided', {}, 'outcome');
    await tx`update appeals set status = ${input.outcome}, decided_by = ${moderator.userId}, decided_at = now(), outcome_reasons = ${input.reasons}
              where id = ${appealId}`;
    const decisionId = Number(appeal.decisionId);
    if (input.outcome === 'reversed') await reverseDecision(tx, decisionId);
    await recordAudit(tx, { townId, actorId: moderator.userId, action: `appeal_${input.outcome}`, decisionId, appealId });
    if (appeal.appellantId) await noticeToMember(tx, appeal.appellantId, townId, 'appeal_outcome', decisionId, decisionLink(decisionId));
    await publish(tx, { type: 'queue:changed', townId });
  });
}
