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

/** The national portal of the police's online reporting: it leads to every state's own form. */
const ONLINEWACHE_PORTAL = 'https://www.onlinewache.polizei.de';

/**
 * Each state's police online reporting. Where a state's own address is listed it was checked when the demo
 * was written; the others lead to the national portal, which links to the state's form. The network team
 * keeps the real directory current on its support page.
 */
const POLICE_ONLINE: Array<{ state: string; police: string; url: string }> = [
  { state: 'BW', police: 'Polizei Baden-Württemberg', url: 'https://www.polizei-bw.de/onlinewache/' },
  { state: 'BY', police: 'Bayerische Polizei', url: 'https://www.polizei.bayern.de/onlinewache/' },
  { state: 'BE', police: 'Polizei Berlin', url: 'https://www.internetwache-polizei-berlin.de/' },
  { state: 'BB', police: 'Polizei Brandenburg', url: ONLINEWACHE_PORTAL },
  { state: 'HB', police: 'Polizei Bremen', url: ONLINEWACHE_PORTAL },
  { state: 'HH', police: 'Polizei Hamburg', url: ONLINEWACHE_PORTAL },
  { state: 'HE', police: 'Polizei Hessen', url: 'https://onlinewache.polizei.hessen.de/' },
  { state: 'MV', police: 'Landespolizei Mecklenburg-Vorpommern', url: ONLINEWACHE_PORTAL },
  { state: 'NI', police: 'Polizei Niedersachsen', url: 'https://www.onlinewache.polizei.niedersachsen.de/' },
  { state: 'NW', police: 'Polizei Nordrhein-Westfalen', url: 'https://polizei.nrw/internetwache' },
  { state: 'RP', police: 'Polizei Rheinland-Pfalz', url: ONLINEWACHE_PORTAL },
  { state: 'SL', police: 'Polizei Saarland', url: ONLINEWACHE_PORTAL },
  { state: 'SN', police: 'Polizei Sachsen', url: 'https://www.polizei.sachsen.de/onlinewache/' },
  { state: 'ST', police: 'Polizei Sachsen-Anhalt', url: ONLINEWACHE_PORTAL },
  { state: 'SH', police: 'Landespolizei Schleswig-Holstein', url: ONLINEWACHE_PORTAL },
  { state: 'TH', police: 'Thüringer Polizei', url: ONLINEWACHE_PORTAL },
];

const SUPPORT: Array<{ state: string; name: string; description: string; url: string | null; phone: string | null }> = [
  { state: 'DE', name: 'Polizei-Notruf', description: 'Bei akuter Gefahr für Leib und Leben sofort anrufen.', url: null, phone: '110' },
  {
    state: 'DE',
    name: 'starke Stelle',
    description: 'Bundesweite Ansprechstelle für kommunale Amts- und Mandatsträgerinnen und -träger bei Anfeindungen, Bedrohungen und Gewalt: vertraulich, auf Wunsch anonym, montags bis freitags 9–16 Uhr, E-Mail info@starkestelle.de.',
    url: 'https://www.starkestelle.de',
    phone: '0800 300 99 44',
  },
  { state: 'DE', name: 'HateAid', description: 'Beratung und Prozesskostenfinanzierung für Betroffene digitaler Gewalt.', url: 'https://hateaid.org', phone: null },
  { state: 'DE', name: 'Stark im Amt', description: 'Informationen und Hilfe für Kommunalpolitikerinnen und -politiker bei Hass, Hetze und Gewalt.', url: 'https://www.stark-im-amt.de', phone: null },
  { state: 'DE', name: 'Auskunftssperre im Melderegister (§ 51 BMG)', description: 'Bei Ihrer Meldebehörde beantragen: Ihre Anschrift wird dann nicht mehr an Dritte herausgegeben.', url: null, phone: null },
  ...POLICE_ONLINE.map(({ state, police, url }) => ({
    state,
    name: `${police}: Onlinewache`,
    description: 'Strafanzeige online erstatten, auch wegen Hass im Netz; die Vorgangsnummer bekommen Sie per E-Mail. Tragen Sie sie danach hier beim Vorfall ein.',
    url,
    phone: null,
  })),
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
