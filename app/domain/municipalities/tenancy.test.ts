import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { settings } from '#app/env.server';
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

const forbidden = { code: 'forbidden', i18nKey: 'common:errors.forbidden' };

describe('tenancy: power in one town is no power in another', () => {
  it('a moderator of town A moderates in A and not in B', () => {
    expect(canModerate(moderatorA, townA)).toBe(true);
    expect(canModerate(moderatorA, townB)).toBe(false);
  });

  it("town A's admin cannot see, invite or change anyone in town B", async () => {
    await expect(listMembers(adminA, { townId: townB })).rejects.toMatchObject(forbidden);
    await expect(listInvitations(adminA, { townId: townB })).rejects.toMatchObject(forbidden);
    await expect(inviteStaff(adminA, { townId: townB, email: uniqueEmail(), role: 'moderator' })).rejects.toMatchObject(forbidden);
    await expect(changeRole(adminA, { townId: townB, userId: resident.userId, role: 'admin' })).rejects.toMatchObject(forbidden);
  });

  it("a role change aimed at another town's member looks like 'not found'", async () => {
    const outsider = await createUser();
    await grantRole(outsider.userId, townB, 'member');
    await expect(changeRole(adminA, { townId: townA, userId: outsider.userId, role: 'moderator' })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'towns:errors.memberNotFound' });
    const [row] = await sql`select role from memberships where user_id = ${outsider.userId} and municipality_id = ${townB}`;
    expect(row.role).toBe('member');
  });

  it('an invitation of town B cannot be withdrawn through town A', async () => {
    await inviteStaff(networkTeam, { townId: townB, email: uniqueEmail('b-staff'), role: 'organiser' });
    const [invitation] = await listInvitations(networkTeam, { townId: townB });
    await expect(revokeInvitation(adminA, { townId: townA, invitationId: invitation.id })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'towns:errors.invitationNotFound' });
    expect((await listInvitations(networkTeam, { townId: townB })).find((i) => i.id === invitation.id)).toMatchObject({ status: 'open' });
  });
});

describe('roles', () => {
  it('residents and moderators cannot manage members; admins and the network team can', async () => {
    expect(canManageMembers(resident, townA)).toBe(false);
    expect(canManageMembers(moderatorA, townA)).toBe(false);
    expect(canManageMembers(adminA, townA)).toBe(true);
    expect(canManageMembers(networkTeam, townB)).toBe(true);
    await expect(listMembers(resident, { townId: townA })).rejects.toMatchObject(forbidden);
    await expect(listMembers(moderatorA, { townId: townA })).rejects.toMatchObject(forbidden);
    await expect(listMembers(null, { townId: townA })).rejects.toMatchObject({ code: 'unauthenticated', i18nKey: 'common:errors.signInRequired' });
    expect((await listMembers(adminA, { townId: townA })).map((m) => m.userId)).toContain(resident.userId);
  });

  it('only the network team creates towns', async () => {
    const town = { name: 'Neustadt', slug: 'neustadt', state: 'BY', defaultLanguage: 'de', languages: ['de'] };
    await expect(createTown(adminA, town)).rejects.toMatchObject(forbidden);
    await expect(createTown(networkTeam, town)).resolves.toMatchObject({ slug: 'neustadt' });
    await expect(createTown(networkTeam, town)).rejects.toMatchObject({ code: 'conflict', i18nKey: 'towns:errors.slugTaken', field: 'slug' });
  });

  it('an invited person accepts with their account and gets the role; the link then stops working', async () => {
    const invitee = await createUser({ label: 'invitee' });
    await inviteStaff(adminA, { townId: townA, email: invitee.email, role: 'official' });
    const link = await linkFromMail(invitee.email, 'invitations');
    // Links point at the configured public address, not at whatever the request came in on.
    expect(link.startsWith(`${settings().publicOrigin}/invitations/`)).toBe(true);
    const token = tokenOf(link);
    expect(await previewInvitation(null, { token })).toMatchObject({ townName: 'Town A', role: 'official' });
    await expect(acceptInvitation(await actorOf(invitee.userId), { token })).resolves.toEqual({ townSlug: 'town-a' });
    expect((await actorOf(invitee.userId)).roles[townA]).toBe('official');
    await expect(acceptInvitation(await actorOf(invitee.userId), { token })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'towns:errors.invitationInvalid' });
  });

  it('a withdrawn invitation cannot be accepted', async () => {
    const invitee = await createUser();
    await inviteStaff(adminA, { townId: townA, email: invitee.email, role: 'moderator' });
    const token = tokenOf(await linkFromMail(invitee.email, 'invitations'));
    const [invitation] = await listInvitations(adminA, { townId: townA });
    await revokeInvitation(adminA, { townId: townA, invitationId: invitation.id });
    await expect(acceptInvitation(await actorOf(invitee.userId), { token })).rejects.toMatchObject({ code: 'not_found', i18nKey: 'towns:errors.invitationInvalid' });
    expect((await actorOf(invitee.userId)).roles[townA]).toBeUndefined();
  });

  it('admins change and revoke roles, but the last admin stays', async () => {
    await changeRole(adminA, { townId: townA, userId: resident.userId, role: 'moderator' });
    expect((await actorOf(resident.userId)).roles[townA]).toBe('moderator');
    await changeRole(adminA, { townId: townA, userId: resident.userId, role: 'member' });
    expect((await actorOf(resident.userId)).roles[townA]).toBe('member');
    await expect(changeRole(adminA, { townId: townA, userId: adminA.userId, role: 'member' })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'towns:errors.lastAdmin' });
    await expect(leaveTown(adminA, { townId: townA })).rejects.toMatchObject({ code: 'conflict', i18nKey: 'towns:errors.lastAdmin' });
  });
});

describe('joining a town', () => {
  it('residents join themselves once their address is confirmed', async () => {
    const unverified = await createUser({ verified: false });
    await expect(joinTown(await actorOf(unverified.userId), { townId: townB })).rejects.toMatchObject({ code: 'forbidden', i18nKey: 'towns:errors.verifyFirst' });
    await expect(joinTown(null, { townId: townB })).rejects.toMatchObject({ code: 'unauthenticated', i18nKey: 'common:errors.signInRequired' });
    const person = await createUser();
    await joinTown(await actorOf(person.userId), { townId: townB });
    expect((await actorOf(person.userId)).roles[townB]).toBe('member');
    await leaveTown(await actorOf(person.userId), { townId: townB });
    expect((await actorOf(person.userId)).roles[townB]).toBeUndefined();
  });
});
