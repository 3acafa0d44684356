/**
 * The outbox relay's side in the database (REALTIME_BUS=redis-streams, decision 020): one relay at a time,
 * nothing deleted before it was delivered, and a thread's new posts in position order even when their rows
 * were written the other way round (a reply writes its row before it waits for the thread's lock).
 */
import { describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import type { BusMessage } from './bus';
import { outboxRelayLead, relayOutbox } from './bus.server';
import { actorOf, createTownDirectly, createUser, grantRole } from '../../db/testing/factories';
import { createTestForum, replyTo, startThread } from '../../db/testing/forum-fixtures';

const enqueue = (message: BusMessage) => sql`insert into bus_outbox (message) values (${sql.json(message as never)})`;
const outboxSize = async () => (await sql`select count(*)::int as n from bus_outbox`)[0].n as number;

describe('relaying the outbox', () => {
  it("hands a thread's new posts over in position order, in the places they had, and deletes them once delivered", async () => {
    const townId = await createTownDirectly('outbox-town');
    const forumId = await createTestForum(townId, 'outbox');
    const author = await createUser({ label: 'outbox-writer' });
    await grantRole(author.userId, townId, 'member');
    const actor = await actorOf(author.userId);
    const { threadId } = await startThread(actor, townId, forumId, 'Outbox order');
    const second = await replyTo(actor, townId, threadId, 'Position 2');
    const third = await replyTo(actor, townId, threadId, 'Position 3');
    const created = (postId: number): BusMessage => ({ type: 'post:created', townId, forumId, threadId, postId });
    await sql`delete from bus_outbox`;
    await enqueue(created(third.postId));
    await enqueue({ type: 'queue:changed', townId });
    await enqueue(created(second.postId));

    const delivered: BusMessage[][] = [];
    expect(await relayOutbox(500, async (messages) => void delivered.push(messages))).toBe(3);
    expect(delivered).toEqual([[created(second.postId), { type: 'queue:changed', townId }, created(third.postId)]]);
    expect(await outboxSize()).toBe(0);
  });

  it('keeps what a failed delivery took, and lets only one relay at a time', async () => {
    await enqueue({ type: 'queue:changed', townId: 1 });
    await expect(relayOutbox(500, async () => Promise.reject(new Error('Redis is away')))).rejects.toThrow('Redis is away');
    expect(await outboxSize()).toBe(1);

    let release!: () => void;
    const first = relayOutbox(500, () => new Promise<void>((resolve) => (release = resolve)));
    await expect.poll(() => release).toBeTypeOf('function');
    expect(await relayOutbox(500, async () => {})).toBeNull();
    release();
    expect(await first).toBe(1);
    expect(await outboxSize()).toBe(0);
  });

  it('gives the lead to one process, and to the next once the first gives it up', async () => {
    const [first, second] = [await outboxRelayLead(), await outboxRelayLead()];
    expect(await first.holds()).toBe(true);
    expect(await first.holds()).toBe(true);
    expect(await second.holds()).toBe(false);
    await first.release();
    expect(await second.holds()).toBe(true);
    await second.release();
  });
});
