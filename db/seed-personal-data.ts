/**
 * Demo personal data: the demo resident finds a copy of their data ready on "Your data" (built through the
 * real export job, from their own rows only), and the first town's admins see counts that are not all zero.
 */
import type { Sql } from 'postgres';

export async function seedDemoPersonalData(sql: Sql, townSlug: string, residentEmail: string): Promise<void> {
  const { loadActor } = await import('../app/domain/auth/actor.server');
  const { requestExport, buildDataExport } = await import('../app/domain/personal-data/export.server');
  const [resident] = await sql`select id from users where email = ${residentEmail}`;
  const actor = resident ? await loadActor(resident.id) : null;
  if (!actor) return;
  await buildDataExport(await requestExport(actor));
  // An account deleted before the demo began: a count, naming nobody.
  await sql`insert into personal_data_events (kind, municipality_id, occurred_at)
            select 'deletion', id, now() - interval '20 days' from municipalities where slug = ${townSlug}`;
}
