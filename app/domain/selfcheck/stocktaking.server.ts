/**
 * The network's "Bilanz": the anonymised benchmark per questionnaire version (benchmark.ts: k = 5 towns,
 * coarse quantiles, frozen cohorts), which towns have started, closed or asked for advice, and participation
 * figures per town and month (forum posts, moderation response times). For the network team only; towns see
 * the benchmark on their own results page, against their own scores.
 */
import { sql } from '#app/database/client.server';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { requireNetworkTeam } from './access';
import type { NetworkBenchmark } from './benchmark';
import type { QuestionnaireTemplate } from './questionnaire';
import { benchmarkOf, toCsv } from './results.server';

export interface TownSelfcheckStatus {
  townId: number;
  slug: string;
  name: string;
  rounds: number;
  openRound: boolean;
  closedRounds: number;
  lastClosedAt: Date | null;
  adviceRequests: number;
  adviceOpen: number;
}

export interface ParticipationMonth {
  townId: number;
  townName: string;
  /** first day of the month, YYYY-MM */
  month: string;
  posts: number;
  moderationDecided: number;
  /** median hours from a case opening to its decision, one decimal; null without decided cases */
  moderationMedianHours: number | null;
  /** people checked in at the town's dialogue events that month; null while the platform has no dialogue events */
  eventAttendance: number | null;
}

export interface Stocktaking {
  benchmarks: { templateId: number; templateKey: string; version: number; closedRounds: number; template: QuestionnaireTemplate; benchmark: NetworkBenchmark }[];
  towns: TownSelfcheckStatus[];
}

export async function getStocktaking(actor: MaybeActor): Promise<Stocktaking> {
  requireNetworkTeam(actor);
  const versions = await sql`
    select t.id, t.template_key, t.version, (select count(*)::int from selfcheck_rounds r where r.template_id = t.id and r.status = 'closed') as closed_rounds
      from selfcheck_templates t
     where exists (select 1 from selfcheck_rounds r where r.template_id = t.id)
        or t.version = (select max(version) from selfcheck_templates x where x.template_key = t.template_key)
     order by t.template_key, t.version desc`;
  const benchmarks = [];
  for (const v of versions) {
    const { template, benchmark } = await benchmarkOf(Number(v.id));
    benchmarks.push({ templateId: Number(v.id), templateKey: v.templateKey, version: v.version, closedRounds: v.closedRounds, template, benchmark });
  }
  const towns = await sql<TownSelfcheckStatus[]>`
    select m.id as town_id, m.slug, m.name,
           (select count(*)::int from selfcheck_rounds r where r.municipality_id = m.id) as rounds,
           exists (select 1 from selfcheck_rounds r where r.municipality_id = m.id and r.status = 'open') as open_round,
           (select count(*)::int from selfcheck_rounds r where r.municipality_id = m.id and r.status = 'closed') as closed_rounds,
           (select max(closed_at) from selfcheck_rounds r where r.municipality_id = m.id) as last_closed_at,
           (select count(*)::int from selfcheck_advice_requests a where a.municipality_id = m.id) as advice_requests,
           (select count(*)::int from selfcheck_advice_requests a where a.municipality_id = m.id and a.status <> 'done') as advice_open
      from municipalities m order by lower(m.name)`;
  return { benchmarks, towns };
}

/** Participation per town and month over the last `months` months (this one included), oldest first. */
export async function getParticipation(actor: MaybeActor, { months = 12 }: { months?: number } = {}): Promise<ParticipationMonth[]> {
  requireNetworkTeam(actor);
  const span = Math.min(Math.max(Math.trunc(months), 1), 36);
  const rows = await sql<ParticipationMonth[]>`
    with months as (
      select generate_series(date_trunc('month', now()) - make_interval(months => ${span - 1}), date_trunc('month', now()), interval '1 month') as month
    )
    select m.id as town_id, m.name as town_name, to_char(mo.month, 'YYYY-MM') as month,
           (select count(*)::int from posts p where p.municipality_id = m.id and p.status = 'published'
               and p.created_at >= mo.month and p.created_at < mo.month + interval '1 month') as posts,
           (select count(*)::int from moderation_cases c where c.municipality_id = m.id and c.decided_at >= mo.month and c.decided_at < mo.month + interval '1 month') as moderation_decided,
           (select round((percentile_cont(0.5) within group (order by extract(epoch from c.decided_at - c.opened_at)) / 3600)::numeric, 1)::float8
              from moderation_cases c where c.municipality_id = m.id and c.decided_at >= mo.month and c.decided_at < mo.month + interval '1 month') as moderation_median_hours
      from municipalities m cross join months mo
     order by lower(m.name), mo.month`;
  const attendance = await eventAttendance(span);
  return rows.map((row) => ({ ...row, eventAttendance: attendance ? (attendance.get(`${row.townId}:${row.month}`) ?? 0) : null }));
}

/**
 * Check-ins at dialogue events per town and month, once the dialogues area's tables exist (they arrive with
 * its migration); before that, `null` — the page then says attendance follows.
 */
async function eventAttendance(span: number): Promise<Map<string, number> | null> {
  const [{ present }] = await sql`select to_regclass('dialogue_registrations') is not null and to_regclass('dialogue_events') is not null as present`;
  if (!present) return null;
  const rows = await sql.unsafe(
    `select e.municipality_id as town_id, to_char(date_trunc('month', r.checked_in_at), 'YYYY-MM') as month, count(*)::int as attended
       from dialogue_registrations r join dialogue_events e on e.id = r.event_id
      where r.checked_in_at >= date_trunc('month', now()) - make_interval(months => $1) and e.municipality_id is not null
      group by 1, 2`,
    [span - 1],
  );
  return new Map(rows.map((r) => [`${Number(r.townId)}:${r.month}`, Number(r.attended)]));
}

export function participationCsv(rows: ParticipationMonth[], header: string[]): string {
  return toCsv([header, ...rows.map((r) => [r.townName, r.month, r.posts, r.moderationDecided, r.moderationMedianHours, r.eventAttendance])]);
}
