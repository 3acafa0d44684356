/**
 * Questionnaire templates in versions. A version is published once and never changes (a trigger refuses any
 * update or delete); editing a questionnaire publishes the next version, and rounds keep the version they
 * were opened on — so a town's scores stay comparable with its own earlier rounds (decision 016).
 */
import { sql, type Db } from '#app/database/client.server';
import { DomainError } from '#app/domain/errors';
import type { MaybeActor } from '#app/domain/auth/permissions';
import { localised, questionnaireTemplateSchema, type QuestionnaireTemplate, type QuestionnaireTemplateInput } from './questionnaire';
import { requireNetworkTeam, requireSignedIn } from './access';

export interface TemplateVersion {
  id: number;
  templateKey: string;
  version: number;
  publishedAt: Date;
  template: QuestionnaireTemplate;
}

/** Versions never change, so a parsed one can be kept for the life of the process. */
const parsed = new Map<number, QuestionnaireTemplate>();

function toVersion(row: { id: number; templateKey: string; version: number; publishedAt: Date; content: unknown }): TemplateVersion {
  let template = parsed.get(row.id);
  if (!template) {
    template = questionnaireTemplateSchema.parse(row.content);
    parsed.set(row.id, template);
  }
  return { id: row.id, templateKey: row.templateKey, version: row.version, publishedAt: row.publishedAt, template };
}

/**
 * Publishes `content` as the next version of its questionnaire (the version number in it is replaced by
 * the next free one). Only the network team keeps questionnaires. Inside `db`, for the seed.
 */
export async function publishTemplateVersion(actor: MaybeActor, input: { content: QuestionnaireTemplateInput }, db?: Db): Promise<TemplateVersion> {
  const team = requireNetworkTeam(actor);
  return insertNextVersion(db ?? sql, input.content, team.userId);
}

/** The seed's path (no actor: it runs before anyone signs in). */
export async function insertNextVersion(db: Db, content: QuestionnaireTemplateInput, publishedBy: string | null): Promise<TemplateVersion> {
  const check = questionnaireTemplateSchema.safeParse({ ...content, version: 1 });
  if (!check.success) throw new DomainError('invalid', check.error.issues[0]?.message ?? 'selfcheck:errors.templateInvalid');
  const run = async (tx: Db) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`selfcheck-template:${check.data.templateKey}`}))`;
    const [{ next }] = await tx`select coalesce(max(version), 0) + 1 as next from selfcheck_templates where template_key = ${check.data.templateKey}`;
    const template = { ...check.data, version: Number(next) };
    const [row] = await tx`
      insert into selfcheck_templates (template_key, version, content, published_by)
      values (${template.templateKey}, ${template.version}, ${tx.json(template as never)}, ${publishedBy})
      returning id, template_key, version, published_at, content`;
    return toVersion(row as never);
  };
  return 'savepoint' in db ? run(db) : (db as typeof sql).begin(run);
}

/** The newest version of every questionnaire (what a new round can be opened on). */
export async function listCurrentTemplates(actor: MaybeActor): Promise<TemplateVersion[]> {
  requireSignedIn(actor);
  const rows = await sql`
    select distinct on (template_key) id, template_key, version, published_at, content
      from selfcheck_templates order by template_key, version desc`;
  return rows.map((row) => toVersion(row as never));
}

/** Every version of every questionnaire, newest first (the network team's overview). */
export async function listTemplateVersions(actor: MaybeActor): Promise<Omit<TemplateVersion, 'template'>[]> {
  requireNetworkTeam(actor);
  return sql`select id, template_key, version, published_at from selfcheck_templates order by template_key, version desc`;
}

/** A version by id, for code that has already checked the reader's right to the round using it. */
export async function templateById(db: Db, templateId: number): Promise<TemplateVersion> {
  const cached = parsed.get(templateId);
  const [row] = await db`select id, template_key, version, published_at, ${cached ? sql`null` : sql`content`} as content from selfcheck_templates where id = ${templateId}`;
  if (!row) throw new DomainError('not_found', 'selfcheck:errors.templateNotFound');
  return toVersion(row as never);
}

/** `templateId:dimensionKey` → the dimension's title in `language`, for lists that name dimensions of several versions. */
export async function dimensionTitlesOf(actor: MaybeActor, { templateIds, language }: { templateIds: number[]; language: string }): Promise<Record<string, string>> {
  requireSignedIn(actor);
  const titles: Record<string, string> = {};
  for (const templateId of new Set(templateIds)) {
    for (const d of (await templateById(sql, templateId)).template.dimensions) titles[`${templateId}:${d.key}`] = localised(d.title, language);
  }
  return titles;
}

/**
 * Installations outside the demo start without a questionnaire: the network team publishes the standard one
 * ("Weltoffene Kommune", db/seed-data) with one click. Refused once any version of it exists — changes to a
 * published questionnaire are new versions, not re-publications of the standard.
 */
export async function publishStandardQuestionnaire(actor: MaybeActor): Promise<TemplateVersion> {
  const team = requireNetworkTeam(actor);
  const { weltoffeneKommuneTemplate } = await import('../../../db/seed-data/selfcheck-template');
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`selfcheck-template:${weltoffeneKommuneTemplate.templateKey}`}))`;
    const [exists] = await tx`select 1 from selfcheck_templates where template_key = ${weltoffeneKommuneTemplate.templateKey}`;
    if (exists) throw new DomainError('conflict', 'selfcheck:errors.standardPublished');
    return insertNextVersion(tx, weltoffeneKommuneTemplate, team.userId);
  });
}
