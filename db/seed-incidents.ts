/**
 * Demo incident log of the demo mayor (Hafenstadt), written through the real domain path: a threatening
 * letter with a photo of it, a forum post secured as evidence, and an insult by e-mail reported to the police
 * with a (fictional) file number; the demo organiser is her trust person. Plus the support directory.
 * Everything here is invented; the incident keys are the installation's own (demo mode: in the data folder).
 */
import type { Sql } from 'postgres';
import { DEMO_ACCOUNTS, DEMO_NEIGHBOURS } from './seed-data/demo-people';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
/** An 8×8 PNG: the "photo" of the letter. */
const LETTER_PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4oKCAFTEMLQkAKj9AAXjm1WMAAAAASUVORK5CYII=', 'base64');

const SUPPORT: Array<{ state: string; name: string; description: string; url: string | null; phone: string | null }> = [
  { state: 'DE', name: 'Polizei-Notruf', description: 'Bei akuter Gefahr für Leib und Leben sofort anrufen.', url: null, phone: '110' },
  { state: 'DE', name: 'HateAid', description: 'Beratung und Prozesskostenfinanzierung für Betroffene digitaler Gewalt.', url: 'https://hateaid.org', phone: null },
  { state: 'DE', name: 'Stark im Amt', description: 'Informationen und Hilfe für Kommunalpolitikerinnen und -politiker bei Hass, Hetze und Gewalt.', url: 'https://www.stark-im-amt.de', phone: null },
  { state: 'DE', name: 'Auskunftssperre im Melderegister (§ 51 BMG)', description: 'Bei Ihrer Meldebehörde beantragen: Ihre Anschrift wird dann nicht mehr an Dritte herausgegeben.', url: null, phone: null },
  { state: 'SH', name: 'Landespolizei Schleswig-Holstein: Onlinewache', description: 'Strafanzeige online erstatten; die Vorgangsnummer kommt per E-Mail.', url: null, phone: null },
  { state: 'SN', name: 'Polizei Sachsen: Onlinewache', description: 'Strafanzeige online erstatten.', url: null, phone: null },
  { state: 'BW', name: 'Polizei Baden-Württemberg: Online-Wache', description: 'Strafanzeige online erstatten.', url: null, phone: null },
];

export async function seedDemoIncidents(sql: Sql, townSlug: string): Promise<void> {
  const { loadActor } = await import('../app/domain/auth/actor.server');
  const { getForum } = await import('../app/domain/forums/forums.server');
  const { createThread, createReply } = await import('../app/domain/posting/posting.server');
  const { addFollowUp, recordIncident } = await import('../app/domain/incidents/incidents.server');
  const { securePost } = await import('../app/domain/incidents/evidence-posts.server');
  const { addTrustPerson } = await import('../app/domain/incidents/trust.server');

  for (const [position, entry] of SUPPORT.entries()) {
    await sql`insert into support_directory (state, name, description, url, phone, position) values (${entry.state}, ${entry.name}, ${entry.description}, ${entry.url}, ${entry.phone}, ${position})`;
  }

  const [town] = await sql`select id from municipalities where slug = ${townSlug}`;
  const townId = Number(town.id);
  const idOf = async (email: string) => (await sql`select id from users where email = ${email}`)[0]?.id as string | undefined;
  const mayorEmail = DEMO_ACCOUNTS.find((a) => a.email.startsWith('buergermeisterin@'))!.email;
  const organiserEmail = DEMO_ACCOUNTS.find((a) => a.email.startsWith('veranstaltung@'))!.email;
  const mayor = await loadActor((await idOf(mayorEmail))!);
  const neighbour = await loadActor((await idOf(DEMO_NEIGHBOURS[0].email))!);
  if (!mayor || !neighbour) return;

  // 1. A threatening letter, with a photo of it.
  await recordIncident(mayor, {
    townId,
    occurredAt: '2026-01-12T09:00',
    foundAt: '2026-01-12T10:15',
    foundBy: 'Vorzimmer der Bürgermeisterin',
    channel: 'letter',
    kind: 'threat',
    severity: 'high',
    description: 'Anonymer Brief im Rathausbriefkasten: „Wenn das Flüchtlingsheim kommt, brennt bei Ihnen bald mehr als das Licht.“ (erfundenes Demo-Beispiel)',
    contentUrls: [],
    author: null,
    authorProfileUrl: null,
    files: [{ name: 'brief-foto.png', mediaType: 'image/png', bytes: LETTER_PHOTO }],
    caption: 'Foto des Briefs, Vorder- und Rückseite',
  });

  // 2. A post in the town's forum, secured as evidence before it can be deleted.
  const ideas = await getForum(null, { townId, slug: 'ideen', language: 'de' }).catch(() => null);
  if (ideas) {
    const { threadId } = await createThread(neighbour, { townId, forumId: ideas.id, title: 'Zur Sitzung des Gemeinderats', body: doc('Was wurde eigentlich zum Radweg beschlossen?'), language: 'de' });
    const { postId } = await createReply(neighbour, { townId, threadId, body: doc('Frau Berg, wir wissen, wo Ihr Büro ist. Überlegen Sie sich gut, wie Sie abstimmen. (erfundenes Demo-Beispiel)'), language: 'de' });
    await securePost(mayor, { townId, postId, incident: 'new', kind: 'threat', note: 'Einschüchterung im Forum vor der Abstimmung zum Radweg.' });
  }

  // 3. An insult by e-mail, reported to the police with a file number.
  const { incidentId } = await recordIncident(mayor, {
    townId,
    occurredAt: '2026-02-03T22:41',
    foundAt: '2026-02-04T07:50',
    foundBy: 'Bürgermeisterin Berg',
    channel: 'email',
    kind: 'insult',
    severity: 'medium',
    description: 'E-Mail an das Bürgermeisterinnen-Postfach mit Beleidigungen wegen der Haushaltsrede. (erfundenes Demo-Beispiel)',
    contentUrls: [],
    author: 'k.wutbuerger@example.org',
    authorProfileUrl: null,
  });
  await addFollowUp(mayor, {
    incidentId,
    status: 'reported',
    at: '2026-02-04T11:30',
    policeFileNumber: 'SH-0815-2026-004711',
    authority: 'Onlinewache der Landespolizei (Demo)',
    note: 'Online-Anzeige erstattet, E-Mail als Datei beigefügt.',
  });

  // Her trust person: the demo organiser (a colleague), who can read all of it.
  await addTrustPerson(mayor, { townId, email: organiserEmail });
}
