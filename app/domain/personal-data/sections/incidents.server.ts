/**
 * Incidents: an official's own log, opened by the incidents domain (revisions, follow-ups, originals' metadata,
 * who read it), the trust they gave or were given, their own reads. On erasure the official's log goes with
 * the account — the deletion page says so beforehand and offers the case files — and in others' access logs
 * the account stays as a reader under its pseudonym: the one exception to the evidence tables' append-only
 * rule (decision 022, migration 00011).
 */
import { eraseIncidentLog, ownChain, ownIncidentLog, readsBy, trustOf } from '#app/domain/incidents/personal-data.server';
import { exported, type PersonalDataSection } from './section.server';

export const incidentsSection: PersonalDataSection = {
  name: 'incidents',
  tables: {
    incident_chains: { owner_id: exported },
    incidents: { owner_id: exported },
    incident_access_log: { reader_id: exported },
    incident_trust_persons: { owner_id: exported, trustee_id: exported },
  },

  async export(tx, subject) {
    return {
      incident_chains: await ownChain(tx, subject.userId),
      incidents: await ownIncidentLog(tx, subject.userId),
      incident_access_log: await readsBy(tx, subject.userId),
      incident_trust_persons: await trustOf(tx, subject.userId),
    };
  },

  async erase(tx, erasure) {
    await eraseIncidentLog(tx, erasure.userId, erasure.pseudonym);
    // Trust given or received goes with the account (on delete cascade).
  },
};
