/**
 * A town where people leave personal data in every table the app has: used by the export, erasure and
 * catalogue tests. Everything goes through the real domain paths.
 */
import { sql } from '#app/database/client.server';
import type { Actor } from '#app/domain/auth/permissions';
import { signIn } from '#app/domain/auth/accounts.server';
import { createForum, getForum, type ForumView } from '#app/domain/forums/forums.server';
import { markThreadRead } from '#app/domain/forums/threads.server';
import { createReply, createThread, editPost } from '#app/domain/posting/posting.server';
import { fileReport } from '#app/domain/moderation/reports.server';
import { listQueue } from '#app/domain/moderation/cases.server';
import { decide } from '#app/domain/moderation/decisions.server';
import { fileAppeal } from '#app/domain/moderation/appeals.server';
import { inviteStaff } from '#app/domain/municipalities/members.server';
import { submitFeedback } from '#app/domain/accessibility/feedback.server';
import { actorOf, createTownDirectly, createUser, grantRole, makeNetworkTeam, testClient, type TestPerson } from './factories';

export const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const reasons = { ground: 'rules.respect' as const, facts: 'The post insults another resident by name.', automated: false };

export interface Town {
  townId: number;
  forum: ForumView;
  moderator: Actor;
  admin: Actor;
  network: Actor;
}

export async function createTownWithStaff(slug: string): Promise<Town> {
  const townId = await createTownDirectly(slug);
  await sql`update municipalities set posts_per_window = 1000 where id = ${townId}`;
  const [mod, adm, net] = await Promise.all(['moderator', 'town-admin', 'network'].map((label) => createUser({ label: `${slug}-${label}` })));
  await grantRole(mod.userId, townId, 'moderator');
  await grantRole(adm.userId, townId, 'admin');
  await makeNetworkTeam(net.userId);
  const network = await actorOf(net.userId);
  await createForum(network, { townId, slug: 'talk', name: 'Talk', description: '', position: 0, staffOnlyPosting: false, nameTranslations: {}, descriptionTranslations: {} });
  return {
    townId,
    forum: await getForum(null, { townId, slug: 'talk', language: 'en' }),
    moderator: await actorOf(mod.userId),
    admin: await actorOf(adm.userId),
    network,
  };
}

export interface Resident extends TestPerson {
  actor: Actor;
  displayName: string;
  tag: string;
  threadId: number;
  postId: number;
  replyId: number;
}

/** A member with a row in every table that can hold one: posts, history, follows, reports, decisions, appeals, mail … */
export async function createResident(town: Town, displayName: string, other?: Resident, options: { tag?: string } = {}): Promise<Resident> {
  // What the person writes mentions `tag` (their name, unless a test needs texts that do not name them).
  const tag = options.tag ?? displayName;
  const person = await createUser({ label: displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-') });
  await grantRole(person.userId, town.townId, 'member');
  await sql`update users set display_name = ${displayName} where id = ${person.userId}`;
  const actor = await actorOf(person.userId);
  // A session and a known device; a wrong password (a throttling row naming the address).
  await signIn(null, { email: person.email, password: person.password, ip: testClient().ip, https: false });
  await signIn(null, { email: person.email, password: 'wrong password!', ip: testClient().ip, https: false }).catch(() => {});
  const { threadId, postId } = await createThread(actor, { townId: town.townId, forumId: town.forum.id, title: `Thread of ${tag}`, body: doc(`Opening words by ${tag}`), language: 'en' });
  await editPost(actor, { townId: town.townId, postId, body: doc(`Opening words by ${tag}, edited`), language: 'en' });
  const { postId: replyId } = await createReply(actor, { townId: town.townId, threadId, body: doc(`A second thought from ${tag}`), language: 'en' });
  await markThreadRead(actor, { threadId, position: 2 });
  if (other) {
    // Each replies in the other's thread: notifications, and posts in threads one did not start.
    await createReply(other.actor, { townId: town.townId, threadId, body: doc(`${other.tag} answers`), language: 'en' });
    await createReply(actor, { townId: town.townId, threadId: other.threadId, body: doc(`${tag} answers too`), language: 'en' });
    await fileReport(actor, { townId: town.townId, postId: other.postId, target: 'post', category: 'spam', explanation: `Reported by ${tag}`, ...testClient() });
  }
  // A decision about the member (hide their reply), which they appeal; a warning.
  await fileReport(town.moderator, { townId: town.townId, postId: replyId, target: 'post', category: 'insult', explanation: 'Rude.', ...testClient() });
  const postCase = (await listQueue(town.moderator, { townId: town.townId })).find((item) => item.postId === replyId)!;
  const hidden = await decide(town.moderator, { townId: town.townId, caseId: postCase.id, action: 'hide', ...reasons });
  await fileAppeal(actor, { decisionId: hidden.decisionId, text: `I, ${tag}, disagree with this decision.` });
  await fileReport(town.moderator, { townId: town.townId, postId, target: 'user', category: 'harassment', explanation: '', ...testClient() });
  const userCase = (await listQueue(town.moderator, { townId: town.townId })).find((item) => item.targetKind === 'user' && item.subjectName === displayName)!;
  await decide(town.moderator, { townId: town.townId, caseId: userCase.id, action: 'warn', days: 30, ...reasons });
  // An invitation to their address, a barrier report, a guest report made with their address.
  await inviteStaff(town.admin, { townId: town.townId, email: person.email, role: 'organiser' });
  await submitFeedback(actor, { pageUrl: '/towns', description: `The menu is hard to reach (${tag})`, ...testClient() });
  await fileReport(null, { townId: town.townId, postId, target: 'post', category: 'other', explanation: 'As a guest', email: person.email, ...testClient() });
  return { ...person, actor, displayName, tag, threadId, postId, replyId };
}

export interface CatalogueColumn {
  table: string;
  column: string;
  /** How the column names a person: by account id (a foreign key to users, or named like one) or by address. */
  kind: 'account' | 'email';
}

/**
 * From the database catalogue: every column of the app's tables that refers to users(id) by a foreign key,
 * is named like an account reference (…user_id, …_by) or holds an e-mail address (…email…, recipient).
 */
export async function personalColumns(): Promise<CatalogueColumn[]> {
  const foreignKeys = await sql`
    select cl.relname as table_name, a.attname as column_name
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join lateral unnest(c.conkey) as k(attnum) on true
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
     where c.contype = 'f' and c.confrelid = 'public.users'::regclass and n.nspname = 'public'`;
  const named = await sql`
    select table_name, column_name from information_schema.columns
     where table_schema = 'public' and data_type = 'text'
       and (column_name ~ '(^|_)user_id$' or column_name ~ '_by$' or column_name ~ 'email' or column_name = 'recipient')
       and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')`;
  const found = new Map<string, CatalogueColumn>();
  for (const row of foreignKeys) found.set(`${row.tableName}.${row.columnName}`, { table: row.tableName, column: row.columnName, kind: 'account' });
  for (const row of named) {
    const key = `${row.tableName}.${row.columnName}`;
    if (!found.has(key)) found.set(key, { table: row.tableName, column: row.columnName, kind: /email|recipient/.test(row.columnName) ? 'email' : 'account' });
  }
  return [...found.values()].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}

/** Every text, varchar and json column of every table in the app's schema (for searching what is left). */
export async function searchableColumns(): Promise<{ table: string; column: string }[]> {
  const rows = await sql`
    select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'tsvector')`;
  return rows.map((row) => ({ table: row.tableName, column: row.columnName }));
}

/** Rows of every table holding `needle` in any text or JSON column, as "table.column" (case-insensitive). */
export async function whereItAppears(needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const { table, column } of await searchableColumns()) {
    const [row] = await sql.unsafe(`select count(*)::int as n from "${table}" where position(lower($1) in lower("${column}"::text)) > 0`, [needle]);
    if (row.n > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}

/** The files of a ZIP as text, read with yauzl (as an unzip program would). */
export async function unzipText(bytes: Buffer): Promise<Record<string, string>> {
  const yauzl = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files: Record<string, string> = {};
      zip.on('entry', (entry: import('yauzl').Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files[entry.fileName] = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
