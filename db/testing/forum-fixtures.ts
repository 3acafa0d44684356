/** Forum set-up for tests, through the real domain paths: a forum, a thread, replies. */
import { sql } from '#app/database/client.server';
import { createForum } from '#app/domain/forums/forums.server';
import { createReply, createThread } from '#app/domain/posting/posting.server';
import type { Actor } from '#app/domain/auth/permissions';
import { actorOf, createUser, makeNetworkTeam } from './factories';

/** A rich-text document of one paragraph, as the composer sends it. */
export const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

let networkActor: Actor | null = null;

/** A forum in the town, made by a network-team member (created once per test file). */
export async function createTestForum(townId: number, slug: string, options: { staffOnlyPosting?: boolean; premoderated?: boolean } = {}): Promise<number> {
  if (!networkActor) {
    const network = await createUser({ label: 'network' });
    await makeNetworkTeam(network.userId);
    networkActor = await actorOf(network.userId);
  }
  await createForum(networkActor, {
    townId,
    slug,
    name: slug,
    description: '',
    position: 0,
    staffOnlyPosting: options.staffOnlyPosting ?? false,
    nameTranslations: {},
    descriptionTranslations: {},
  });
  const [forum] = await sql`update forums set premoderated = ${options.premoderated ?? false} where municipality_id = ${townId} and slug = ${slug} returning id`;
  return Number(forum.id);
}

export const startThread = (author: Actor, townId: number, forumId: number, title: string, text = 'Opening post', language = 'de') =>
  createThread(author, { townId, forumId, title, body: doc(text), language });

export const replyTo = (author: Actor, townId: number, threadId: number, text: string, options: { language?: string; quotedPostId?: number } = {}) =>
  createReply(author, { townId, threadId, body: doc(text), language: options.language ?? 'de', quotedPostId: options.quotedPostId });
