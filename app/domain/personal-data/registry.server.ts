/**
 * The registry of personal-data sections (decision 018): every area that stores something about a person
 * adds its section here — one file in sections/ and one line below. The export writes each section's rows to
 * `<name>.json`; the erasure runs each section's `erase` before the account row goes. `catalogue.test.ts`
 * fails while a table that refers to an account (or holds an e-mail address) is missing from every section.
 */
import type { PersonalDataSection } from './sections/section.server';
import { accountSection } from './sections/account.server';
import { forumsSection } from './sections/forums.server';
import { moderationSection } from './sections/moderation.server';
import { personalDataSection } from './sections/personal-data.server';
import { dialoguesSection } from './sections/dialogues.server';
import { incidentsSection } from './sections/incidents.server';
import { selfcheckSection } from './sections/selfcheck.server';

export const SECTIONS: readonly PersonalDataSection[] = [
  accountSection,
  forumsSection,
  moderationSection,
  personalDataSection,
  dialoguesSection,
  incidentsSection,
  selfcheckSection,
];

/**
 * Tables that match the catalogue's test (a column referring to users, or an e-mail column) but hold no
 * personal data of the account itself, with the reason. Keep this short: a table with a person in it
 * belongs in a section.
 */
export const NOT_PERSONAL: Readonly<Record<string, string>> = {};
