import crypto from 'node:crypto';

/** A key for the next post of a composer: a second click (or a resent form) stores the post once. */
export const newClientKey = () => crypto.randomBytes(12).toString('base64url');
