import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/db.server';
import { canManageMembers, canModerate, type Actor } from '#app/domain/auth/permissions';
import { acceptInvitation, changeRole, inviteStaff, listInvitations, listMembers, previewInvitation, revokeInvitation } from './members.server';
import { createTown, joinTown, leaveTown } from './towns.server';
import { actorOf, createTownDirectly, createUser, grantRole, linkFromMail, makeNetworkTeam, tokenOf, uniqueEmail } from '../../../db/testing/factories';

let townA: number;
let townB: number;
let adminA: Actor;
let moderatorA: Actor;
let resident: Actor;
let networkTeam: Actor;

beforeAll(async () => {
  townA = await createTownDirectly('town-a', 'Town A');
  townB = await createTownDirectly('town-b', 'Town B');
  const [a, m, r, n] = await Promise.all([createUser({ label: 'admin' }), createUser({ label: 'mod' }), createUser({ label: 'res' }), createUser({ label: 'net' })]);
  await grantRole(a.userId, townA, 'admin');
  await grantRole(m.userId, townA, 'moderator');
  await grantRole(r.userId, townA, 'member');
  await makeNetworkTeam(n.userId);
  [adminA, moderatorA, resident, networkTeam] = await Promise.all([actorOf(a.userId), actorOf(m.userId), actorOf(r.userId), actorOf(n.userId)]);
});

describe('tenancy: power in one town is no power in another', () => {
  it('a moderator of town A moderates in A and not in B', () => {
    expect(canModerate(moderatorA, townA)).toBe(true);
    expect(canModerate(moderatorA, townB)).toBe(false);
  });

  it("town A's admin cannot see, invite or change anyone in town B", async () => {
    await expect(listMembers(adminA, townB)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listInvitations(adminA, townB)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(inviteStaff(adminA, townB, { email: uniqueEmail(), role: 'moderator' }, 'http://x')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(changeRole(adminA, townB, { userId: resident.userId, role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it("a role change aimed at another town's member looks like 'not found'", async () => {
    const outsider = await createUser();
    await grantRole(outsider.userId, townB, 'member');
    await expect(changeRole(adminA, townA, { userId: outsider.userId, role: 'moderator' })).rejects.toMatchObject({ code: 'not_found' });
    const [row] = await sql`select role from memberships where user_id = ${outsider.userId} and municipality_id = ${townB}`;
    expect(row.role).toBe('member');
  });

  it('an invitation of town B cannot be withdrawn through town A', async () => {
    await inviteStaff(networkTeam, townB, { email: uniqueEmail('b-staff'), role: 'organiser' }, 'http://x');
    const [invitation] = await listInvitations(networkTeam, townB);
    await expect(revokeInvitation(adminA, townA, invitation.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('roles', () => {
  it('residents and moderators cannot manage members; admins and the network team can', async () => {
    expect(canManageMembers(resident, townA)).toBe(false);
    expect(canManageMembers(moderatorA, townA)).toBe(false);
    expect(canManageMembers(adminA, townA)).toBe(true);
    expect(canManageMembers(networkTeam, townB)).toBe(true);
    await expect(listMembers(resident, townA)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listMembers(moderatorA, townA)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listMembers(null, townA)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await listMembers(adminA, townA)).map((m) => m.userId)).toContain(resident.userId);
  });

  it('only the network team creates towns', async () => {
    const town = { name: 'Neustadt', slug: 'neustadt', state: 'BY', defaultLanguage: 'de', languages: ['de'] };
    await expect(createTown(adminA, town)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createTown(networkTeam, town)).resolves.toMatchObject({ slug: 'neustadt' });
    await expect(createTown(networkTeam, town)).rejects.toMatchObject({ code: 'conflict', field: 'slug' });
  });

  it('an invited person accepts with their account and gets the role; the link then stops working', async () => {
    const invitee = await createUser({ label: 'invitee' });
    await inviteStaff(adminA, townA, { email: invitee.email, role: 'official' }, 'http://weltoffen.test');
    const token = tokenOf(await linkFromMail(invitee.email, 'invitations'));
    expect(await previewInvitation(token)).toMatchObject({ townName: 'Town A', role: 'official' });
    await expect(acceptInvitation(await actorOf(invitee.userId), token)).resolves.toEqual({ townSlug: 'town-a' });
    expect((await actorOf(invitee.userId)).roles[townA]).toBe('official');
    await expect(acceptInvitation(await actorOf(invitee.userId), token)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a withdrawn invitation cannot be accepted', async () => {
    const invitee = await createUser();
    await inviteStaff(adminA, townA, { email: invitee.email, role: 'moderator' }, 'http://x');
    const token = tokenOf(await linkFromMail(invitee.email, 'invitations'));
    const [invitation] = await listInvitations(adminA, townA);
    await revokeInvitation(adminA, townA, invitation.id);
    await expect(acceptInvitation(await actorOf(invitee.userId), token)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('admins change and revoke roles, but the last admin stays', async () => {
    await changeRole(adminA, townA, { userId: resident.userId, role: 'moderator' });
    expect((await actorOf(resident.userId)).roles[townA]).toBe('moderator');
    await changeRole(adminA, townA, { userId: resident.userId, role: 'member' });
    expect((await actorOf(resident.userId)).roles[townA]).toBe('member');
    await expect(changeRole(adminA, townA, { userId: adminA.userId, role: 'member' })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'towns:errors.lastAdmin' });
    await expect(leaveTown(adminA, townA)).rejects.toMatchObject({ i18nKey: 'towns:errors.lastAdmin' });
  });
});

describe('joining a town', () => {
  it('residents join themselves once their address is confirmed', async () => {
    const unverified = await createUser({ verified: false });
    await expect(joinTown(await actorOf(unverified.userId), townB)).rejects.toMatchObject({ i18nKey: 'towns:errors.verifyFirst' });
    await expect(joinTown(null, townB)).rejects.toMatchObject({ code: 'unauthenticated' });
    const person = await createUser();
    await joinTown(await actorOf(person.userId), townB);
    expect((await actorOf(person.userId)).roles[townB]).toBe('member');
    await leaveTown(await actorOf(person.userId), townB);
    expect((await actorOf(person.userId)).roles[townB]).toBeUndefined();
  });
});
