/**
 * The public transparency report of a town (in the spirit of DSA art. 15/24): per month, notices by
 * category, decisions by type, the median time from notice to decision, appeals and reversals. Counts
 * only — no names, no texts, nothing about a person.
 */
import { stringify } from 'csv-stringify/sync';
import { sql } from '#app/database/client.server';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { DECISION_ACTIONS, REPORT_CATEGORIES } from './schemas';

export interface TransparencyMonth {
  /** YYYY-MM */
  month: string;
  notices: Record<string, number>;
  automatedFlags: number;
  actions: Record<string, number>;
  medianHoursToDecision: number | null;
  appeals: number;
  reversals: number;
}

export async function transparencyReport(_actor: MaybeActor, { townId, months = 12 }: { townId: number; months?: number }): Promise<TransparencyMonth[]> {
  const since = sql`date_trunc('month', now()) - make_interval(months => ${months - 1})`;
  const [notices, actions, medians, appeals] = await Promise.all([
    sql`select to_char(date_trunc('month', created_at), 'YYYY-MM') as month, category, automated, count(*)::int as n
          from reports where municipality_id = ${townId} and created_at >= ${since} group by 1, 2, 3`,
    sql`select to_char(date_trunc('month', created_at), 'YYYY-MM') as month, action, count(*)::int as n
          from moderation_decisions where municipality_id = ${townId} and created_at >= ${since} group by 1, 2`,
    sql`select to_char(date_trunc('month', d.created_at), 'YYYY-MM') as month,
               percentile_cont(0.5) within group (order by extract(epoch from d.created_at - c.opened_at)) / 3600 as hours
          from moderation_decisions d join moderation_cases c on c.id = d.case_id
         where d.municipality_id = ${townId} and d.created_at >= ${since} group by 1`,
    sql`select month, sum(filed)::int as filed, sum(reversed)::int as reversed from (
          select to_char(date_trunc('month', created_at), 'YYYY-MM') as month, 1 as filed, 0 as reversed
            from appeals where municipality_id = ${townId} and created_at >= ${since}
          union all
          select to_char(date_trunc('month', decided_at), 'YYYY-MM'), 0, 1
            from appeals where municipality_id = ${townId} and status = 'reversed' and decided_at >= ${since}) a group by 1`,
  ]);
  const byMonth = new Map<string, TransparencyMonth>();
  const month = (key: string) => {
    let entry = byMonth.get(key);
    if (!entry) {
      entry = {
        month: key,
        notices: Object.fromEntries(REPORT_CATEGORIES.map((c) => [c, 0])),
        automatedFlags: 0,
        actions: Object.fromEntries(DECISION_ACTIONS.map((a) => [a, 0])),
        medianHoursToDecision: null,
        appeals: 0,
        reversals: 0,
      };
      byMonth.set(key, entry);
    }
    return entry;
  };
  for (const row of notices) {
    if (row.automated) month(row.month).automatedFlags += row.n;
    else month(row.month).notices[row.category] += row.n;
  }
  for (const row of actions) month(row.month).actions[row.action] = row.n;
  for (const row of medians) month(row.month).medianHoursToDecision = Math.round(Number(row.hours) * 10) / 10;
  for (const row of appeals) Object.assign(month(row.month), { appeals: row.filed, reversals: row.reversed });
  return [...byMonth.values()].sort((a, b) => b.month.localeCompare(a.month));
}

/** The same figures as CSV, one row per month, stable column names (English, for tools). */
export function transparencyCsv(months: TransparencyMonth[]): string {
  const header = [
    'month',
    ...REPORT_CATEGORIES.map((c) => `notices_${c}`),
    'automated_flags',
    ...DECISION_ACTIONS.map((a) => `actions_${a}`),
    'median_hours_to_decision',
    'appeals',
    'reversals',
  ];
  const rows = months.map((m) => [
    m.month,
    ...REPORT_CATEGORIES.map((c) => m.notices[c]),
    m.automatedFlags,
    ...DECISION_ACTIONS.map((a) => m.actions[a]),
    m.medianHoursToDecision ?? '',
    m.appeals,
    m.reversals,
  ]);
  return stringify([header, ...rows]);
}
