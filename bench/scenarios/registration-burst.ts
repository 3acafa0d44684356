/**
 * registration-burst: N signed-in members press "Register" for one event with S seats at the same moment,
 * through the real HTTP path (the event page's form POST, intent=register), C requests in flight at a time.
 * Afterwards the database must hold exactly S confirmed registrations and N − S on the waiting list, one per
 * person: the seat count is checked, not assumed.
 */
import { performance } from 'node:perf_hooks';
import type { BenchContext, Metrics } from '../context';
import { seedBenchPeople } from '../fixtures';
import { cpuMs, type ServerProcess } from '../processes';
import { latencySummary, round } from '../stats';

const doc = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bürgerdialog mit begrenzten Plätzen.' }] }] });

export async function registrationBurst(ctx: BenchContext, server: ServerProcess): Promise<Metrics> {
  const { quick, say, sql, data } = ctx;
  const people = quick ? 100 : 500;
  const seats = quick ? 10 : 50;
  const inFlight = quick ? 50 : 100;
  const { loadActor } = await import('../../app/domain/auth/actor.server');
  const { createEvent, publishEvent } = await import('../../app/domain/dialogues/events.server');
  const organiser = await loadActor('bench-user');
  const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const { id: eventId } = await createEvent(organiser, {
    townId: data.townId, format: 'citizen_dialogue', mode: 'in_person', title: 'Ansturm', description: doc, translations: {}, startDate: start, startTime: '18:00',
    endTime: '20:00', venueAddress: 'Markt 1', languages: ['de'], interpretation: [], accessibility: [], capacity: seats, guestsAllowed: false,
  } as Parameters<typeof createEvent>[1]);
  await publishEvent(organiser, { townId: data.townId, eventId });
  say(`registration-burst: ${people} members for ${seats} seats, ${inFlight} at a time …`);
  const members = await seedBenchPeople(sql, data.townId, 'registrant', people);

  const url = `${server.url}/towns/${data.townSlug}/events/${eventId}`;
  const ackMs: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  const cpu0 = cpuMs(server.pid);
  const began = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < members.length; i = next++) {
        const sent = performance.now();
        try {
          const response = await fetch(url, {
            method: 'POST',
            redirect: 'manual',
            headers: { cookie: members[i].cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ intent: 'register' }),
            signal: AbortSignal.timeout(60_000),
          });
          await response.arrayBuffer();
          if (response.status !== 302) errors[`http_${response.status}`] = (errors[`http_${response.status}`] ?? 0) + 1;
        } catch (error) {
          errors[(error as Error).name] = (errors[(error as Error).name] ?? 0) + 1;
        }
        ackMs.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  const [counts] = await sql`
    select count(*) filter (where status = 'confirmed')::int as confirmed, count(*) filter (where status = 'waiting')::int as waiting,
           count(distinct user_id)::int as people
      from dialogue_registrations where event_id = ${eventId}`;
  const exact = counts.confirmed === seats && counts.waiting === people - seats && counts.people === people;
  if (!exact) say(`registration-burst: SEAT CHECK FAILED: ${JSON.stringify(counts)}`);
  const lat = latencySummary(ackMs);
  return {
    people,
    seats,
    in_flight: inFlight,
    registrations_per_s: round(people / elapsed),
    p50_ms: round(lat.p50),
    p99_ms: round(lat.p99),
    errors: Object.values(errors).reduce((a, b) => a + b, 0),
    confirmed: counts.confirmed,
    waiting: counts.waiting,
    seat_count_exact: exact ? 'yes' : 'NO',
    server_cpu_ms_per_registration: round((cpuMs(server.pid) - cpu0) / people),
  };
}
