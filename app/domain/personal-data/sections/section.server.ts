/**
 * One area's part of a member's personal data (decision 018). Every area that stores something about a
 * person contributes one section: which of its tables and columns refer to an account or hold an e-mail
 * address, how those rows are exported, and how they are erased or pseudonymised when the account goes.
 * `catalogue.test.ts` reads the database catalogue and fails for any such column no section accounts for.
 */
import type { Tx } from '#app/database/client.server';

/** Whose data: the account as it is before it is erased. */
export interface Subject {
  userId: string;
  email: string;
  displayName: string;
}

export interface Erasure extends Subject {
  /** Keep the member's posts under "former member" (true) or remove their content (false). */
  keepPosts: boolean;
  /** What audit rows keep in place of the account: "former-…", random, linked to nothing. */
  pseudonym: string;
}

/**
 * What becomes of one column that refers to a person: its rows are in the export (where the column is the
 * member), or they are not — and then the section says why.
 */
export type ColumnRule = { exported: true } | { exported: false; because: string };

export const exported: ColumnRule = { exported: true };
export const notExported = (because: string): ColumnRule => ({ exported: false, because });

export type ExportedRows = Record<string, Record<string, unknown>[]>;

export interface PersonalDataSection {
  /** The section's file in the archive (`<name>.json`) and its heading key (`privacy:export.sections.<name>`). */
  name: string;
  /** table → column → rule, for every column that refers to an account (users.id) or holds an e-mail address. */
  tables: Record<string, Record<string, ColumnRule>>;
  /**
   * The member's rows, per table: every row where one of the table's exported columns is the member (by
   * account id, or by e-mail address for address columns), with the columns a person can read — never
   * secrets (hashes, tokens) nor other people's identities.
   */
  export(tx: Tx, subject: Subject): Promise<ExportedRows>;
  /**
   * Runs inside the erasure transaction, before the account row is deleted (whose foreign keys then cascade
   * or set null). Removes what must go and pseudonymises what others rely on.
   */
  erase(tx: Tx, erasure: Erasure): Promise<void>;
}
