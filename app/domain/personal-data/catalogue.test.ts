/**
 * The safety net of the registry (decision 018): every column of every table that refers to an account
 * (a foreign key to users, a column named like one) or holds an e-mail address must be accounted for by a
 * personal-data section — exported, or listed with the reason it is not. A new table fails here until its
 * area adds its section (one file in sections/ and one line in registry.server.ts).
 */
import { describe, expect, it } from 'vitest';
import { sql } from '#app/database/client.server';
import { personalColumns } from '../../../db/testing/personal-data-fixtures';
import { NOT_PERSONAL, SECTIONS } from './registry.server';

describe('the catalogue of personal data', () => {
  it('finds the tables that refer to people (the test itself sees them)', async () => {
    const columns = await personalColumns();
    const names = columns.map((c) => `${c.table}.${c.column}`);
    expect(names).toEqual(expect.arrayContaining(['posts.author_id', 'users.email', 'mail_outbox.recipient', 'moderation_audit_log.subject_user_id', 'reports.reporter_email']));
  });

  it('every column that refers to an account or holds an e-mail address is covered by a section', async () => {
    const uncovered: string[] = [];
    for (const { table, column } of await personalColumns()) {
      if (NOT_PERSONAL[table]) continue;
      const covering = SECTIONS.filter((section) => section.tables[table]?.[column]);
      if (covering.length === 0) uncovered.push(`${table}.${column}`);
    }
    expect(uncovered, 'Add these to a section in app/domain/personal-data/sections/ (exported, or notExported("because …"))').toEqual([]);
  });

  it('each table belongs to one section, names real columns, and every "not exported" says why', async () => {
    const owners = new Map<string, string>();
    const existing = await sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`;
    const columns = new Set(existing.map((row) => `${row.tableName}.${row.columnName}`));
    for (const section of SECTIONS) {
      for (const [table, rules] of Object.entries(section.tables)) {
        expect(owners.get(table), `${table} is in two sections`).toBeUndefined();
        owners.set(table, section.name);
        for (const [column, rule] of Object.entries(rules)) {
          expect(columns.has(`${table}.${column}`), `${section.name}: ${table}.${column} does not exist`).toBe(true);
          if (!rule.exported) expect(rule.because.length).toBeGreaterThan(20);
        }
      }
    }
    for (const [table, because] of Object.entries(NOT_PERSONAL)) {
      expect(owners.has(table), `${table} is both personal and not`).toBe(false);
      expect(because.length).toBeGreaterThan(20);
    }
  });
});
