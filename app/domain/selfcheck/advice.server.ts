/**
 * Advice requests: a town admin asks the network team for advice on a dimension of a closed round; the
 * network team's queue updates live, a request is assigned to a consultant of the team and moves
 * open → scheduled → done, each step with a note the town reads. The town is told by mail (outbox).
 */
import { sql, type Tx } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import { publish } from '#app/domain/bus.server';
import { isStaffIn, type MaybeActor } from '#app/domain/auth/permissions';
import { settings } from '#app/env.server';
import { requireNetworkTeam, requireSignedIn, requireTownAdmin } from './access';
import { sendSelfcheckMail } from './mail.server';
import { localised } from './questionnaire';
import type { AdviceFormat, AdviceStatus } from './schemas';
import { templateById } from './templates.server';

export interface AdviceEvent {
  id: number;
  status: AdviceStatus;
  consultantName: string | null;
  note: string;
  actorName: string | null;
  createdAt: Date;
}

export interface AdviceRequest {
  id: number;
  townId: number;
  townSlug: string;
  townName: string;
  roundId: number;
  roundTitle: string;
  templateId: number;
  dimensionKey: string;
  message: string;
  preferredFormat: AdviceFormat;
  status: AdviceStatus;
  requestedByName: string | null;
  consultantId: string | null;
  consultantName: string | null;
  createdAt: Date;
  updatedAt: Date;
  events: AdviceEvent[];
}

const columns = sql`
  a.id, a.municipality_id as town_id, m.slug as town_slug, m.name as town_name, a.round_id, r.title as round_title, r.template_id,
  a.dimension_key, a.message, a.preferred_format, a.status, ru.display_name as requested_by_name, a.consultant_id,
  cu.display_name as consultant_name, a.created_at, a.updated_at`;
const joins = sql`
  join municipalities m on m.id = a.municipality_id
  join selfcheck_rounds r on r.id = a.round_id
  left join users ru on ru.id = a.requested_by
  left join users cu on cu.id = a.consultant_id`;

async function withEvents(requests: Omit<AdviceRequest, 'events'>[]): Promise<AdviceRequest[]> {
  if (!requests.length) return [];
  const events = await sql`
    select e.id, e.request_id, e.status, cu.display_name as consultant_name, e.note, au.display_name as actor_name, e.created_at
      from selfcheck_advice_events e left join users cu on cu.id = e.consultant_id left join users au on au.id = e.actor_id
     where e.request_id = any(${requests.map((r) => r.id)}::bigint[]) order by e.id`;
  return requests.map((r) => ({ ...r, events: events.filter((e) => Number(e.requestId) === r.id).map(({ requestId: _r, ...e }) => e as AdviceEvent) }));
}

/** Asks for advice on one dimension of a closed round of the admin's town. */
export async function requestAdvice(
  actor: MaybeActor,
  input: { townId: number; roundId: number; dimensionKey: string; preferredFormat: AdviceFormat; message: string },
): Promise<number> {
  const admin = requireTownAdmin(actor, input.townId);
  return sql.begin(async (tx) => {
    const [round] = await tx`select template_id from selfcheck_rounds where id = ${input.roundId} and municipality_id = ${input.townId} and status = 'closed'`;
    if (!round) throw new DomainError('not_found', 'selfcheck:errors.roundNotFound');
    const { template } = await templateById(tx, round.templateId);
    if (!template.dimensions.some((d) => d.key === input.dimensionKey)) throw new DomainError('invalid', 'selfcheck:errors.chooseDimension', {}, 'dimensionKey');
    const [row] = await tx`
      insert into selfcheck_advice_requests (municipality_id, round_id, dimension_key, message, preferred_format, requested_by)
      values (${input.townId}, ${input.roundId}, ${input.dimensionKey}, ${input.message}, ${input.preferredFormat}, ${admin.userId})
      returning id`;
    const requestId = Number(row.id);
    await tx`insert into selfcheck_advice_events (request_id, actor_id, status) values (${requestId}, ${admin.userId}, 'open')`;
    await publish(tx, { type: 'advice:changed', townId: input.townId, requestId });
    return requestId;
  });
}

/** A town's requests with their history: for the town's staff. */
export async function listTownAdvice(actor: MaybeActor, { townId }: { townId: number }): Promise<AdviceRequest[]> {
  const reader = requireSignedIn(actor);
  if (!isStaffIn(reader, townId)) throw new DomainError('forbidden', 'common:errors.forbidden');
  return withEvents(await sql`select ${columns} from selfcheck_advice_requests a ${joins} where a.municipality_id = ${townId} order by a.created_at desc limit 100`);
}

/** The network team's queue: unfinished requests first (oldest first), then the latest done ones. */
export async function listAdviceQueue(actor: MaybeActor): Promise<AdviceRequest[]> {
  requireNetworkTeam(actor);
  return withEvents(
    await sql`
      select ${columns} from selfcheck_advice_requests a ${joins}
       order by a.status = 'done', case when a.status = 'done' then -extract(epoch from a.updated_at) else extract(epoch from a.created_at) end
       limit 200`,
  );
}

/** The network team's members, who may be consultants. */
export async function listConsultants(actor: MaybeActor): Promise<{ userId: string; displayName: string }[]> {
  requireNetworkTeam(actor);
  return sql`select id as user_id, display_name from users where is_network_team order by lower(display_name)`;
}

const ORDER: Record<AdviceStatus, number> = { open: 0, scheduled: 1, done: 2 };

async function lockRequest(tx: Tx, requestId: number) {
  const [row] = await tx`select id, municipality_id, status, consultant_id, requested_by, round_id, dimension_key from selfcheck_advice_requests where id = ${requestId} for update`;
  if (!row) throw new DomainError('not_found', 'selfcheck:errors.adviceNotFound');
  return row;
}

/** Assigns the request to a consultant of the network team. */
export async function assignAdvice(actor: MaybeActor, input: { requestId: number; consultantId: string }): Promise<void> {
  const team = requireNetworkTeam(actor);
  await sql.begin(async (tx) => {
    const request = await lockRequest(tx, input.requestId);
    const [consultant] = await tx`select id from users where id = ${input.consultantId} and is_network_team`;
    if (!consultant) throw new DomainError('invalid', 'selfcheck:errors.chooseConsultant', {}, 'consultantId');
    await tx`update selfcheck_advice_requests set consultant_id = ${input.consultantId}, updated_at = now() where id = ${input.requestId}`;
    await tx`insert into selfcheck_advice_events (request_id, actor_id, status, consultant_id) values (${input.requestId}, ${team.userId}, ${request.status}, ${input.consultantId})`;
    await publish(tx, { type: 'advice:changed', townId: Number(request.municipalityId), requestId: input.requestId });
    await tellTown(tx, input.requestId);
  });
}

/** Moves the request forward (never back) with a note for the town, and tells the town by mail. */
export async function setAdviceStatus(actor: MaybeActor, input: { requestId: number; status: AdviceStatus; note: string }): Promise<void> {
  const team = requireNetworkTeam(actor);
  await sql.begin(async (tx) => {
    const request = await lockRequest(tx, input.requestId);
    if (ORDER[input.status] < ORDER[request.status as AdviceStatus] || (input.status === request.status && !input.note)) {
      throw new DomainError('conflict', 'selfcheck:errors.statusBackwards', {}, 'status');
    }
    await tx`update selfcheck_advice_requests set status = ${input.status}, updated_at = now() where id = ${input.requestId}`;
    await tx`insert into selfcheck_advice_events (request_id, actor_id, status, consultant_id, note)
             values (${input.requestId}, ${team.userId}, ${input.status}, ${request.consultantId}, ${input.note})`;
    await publish(tx, { type: 'advice:changed', townId: Number(request.municipalityId), requestId: input.requestId });
    await tellTown(tx, input.requestId);
  });
}

/** Mails the requester and the town's admins the request's new state, each in their language. */
async function tellTown(tx: Tx, requestId: number) {
  const [request] = await tx`
    select a.status, a.dimension_key, r.template_id, m.slug, m.name, cu.display_name as consultant_name,
           (select note from selfcheck_advice_events e where e.request_id = a.id order by e.id desc limit 1) as note
      from selfcheck_advice_requests a join selfcheck_rounds r on r.id = a.round_id join municipalities m on m.id = a.municipality_id
      left join users cu on cu.id = a.consultant_id
     where a.id = ${requestId}`;
  const { template } = await templateById(tx, request.templateId);
  const dimension = template.dimensions.find((d) => d.key === request.dimensionKey);
  const people = await tx`
    select distinct u.id, u.email, u.language from users u
     where u.id in (select requested_by from selfcheck_advice_requests where id = ${requestId})
        or u.id in (select user_id from memberships where municipality_id = (select municipality_id from selfcheck_advice_requests where id = ${requestId}) and role = 'admin')`;
  // In the app too: the notifications page and the header's count (pushed live to each person).
  await tx`insert into notifications (user_id, municipality_id, kind, advice_request_id)
           select u, a.municipality_id, 'advice_update', a.id from selfcheck_advice_requests a, unnest(${people.map((p) => p.id as string)}::text[]) as u
            where a.id = ${requestId}`;
  if (people.length) await publish(tx, { type: 'notifications:created', userIds: people.map((p) => p.id as string) });
  for (const person of people) {
    await sendSelfcheckMail(tx, 'adviceUpdated', person as { email: string; language: string }, (t) => ({
      town: request.name,
      dimension: dimension ? localised(dimension.title, person.language) : request.dimensionKey,
      status: t(`selfcheck:advice.status.${request.status}`),
      consultant: request.consultantName ?? '—',
      note: request.note || '—',
      link: `${settings().publicOrigin}/towns/${request.slug}/selfcheck`,
    }));
  }
}
