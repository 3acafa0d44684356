/** Limits of dialogue events, counted in PostgreSQL like the sign-in limits (app/domain/auth/throttle.server.ts). */
import type { ThrottleRule } from '#app/domain/auth/throttle.server';

/** Brakes on floods: guest registrations per client (each sends a mail to the address typed), questions per person. */
export const dialogueThrottles = {
  guestRegistrationPerIp: (ip: string): ThrottleRule => ({ bucket: `dialogue:guest:ip:${ip}`, limit: 10, windowSeconds: 60 * 60 }),
  questionsPerPerson: (userId: string): ThrottleRule => ({ bucket: `dialogue:question:user:${userId}`, limit: 5, windowSeconds: 60 }),
  questionsPerGuest: (registrationId: number): ThrottleRule => ({ bucket: `dialogue:question:guest:${registrationId}`, limit: 5, windowSeconds: 60 }),
};
