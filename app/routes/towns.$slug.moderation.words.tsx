import { redirect, type MetaFunction, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { getFormProps, getInputProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { canModerate } from '#app/domain/auth/permissions';
import { DomainError } from '#app/domain/errors';
import { idSchema, parseCount } from '#app/domain/ids';
import { addWatchedWord, importWatchedWords, listWatchedWords, removeWatchedWord } from '#app/domain/moderation/word-lists.server';
import { watchedWordSchema } from '#app/domain/moderation/schemas';
import { WATCHED_WORD_ACTIONS } from '#app/domain/moderation/watched-words/types';
import { attempt, parseSubmission, rejected } from '#app/web/form.server';
import { useAppForm, useFormReply } from '#app/web/form';
import { requireMember, routeAction, routeLoader } from '#app/web/guard.server';
import { pageTitle } from '#app/web/page.server';
import { Field, FieldError, FormAlert, Notice, SelectField } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const MAX_CSV_BYTES = 256 * 1024;

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const url = new URL(args.request.url);
  return {
    title: await pageTitle(args, 'moderation:words.pageTitle', { town: town.name }),
    slug: town.slug,
    words: await listWatchedWords(actor, { townId: town.id }),
    saved: url.searchParams.has('saved'),
    imported: url.searchParams.has('imported') ? parseCount(url.searchParams.get('imported'), 0) : null,
  };
});

const addForm = watchedWordSchema.extend({ intent: z.literal('add') });
const importForm = z.object({
  intent: z.literal('import'),
  file: z
    .instanceof(Blob, { message: 'moderation:words.errors.noFile' })
    .refine((file) => file.size > 0, 'moderation:words.errors.noFile')
    .refine((file) => file.size <= MAX_CSV_BYTES, 'moderation:words.errors.fileTooLarge'),
});
const wordsSchema = z.discriminatedUnion('intent', [addForm, importForm, z.object({ intent: z.literal('remove'), wordId: idSchema })]);

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await requireMember(args, canModerate);
  const submission = await parseSubmission(args.request, wordsSchema);
  if (submission.status !== 'success') return rejected(submission, wordsSchema);
  const input = submission.value;
  const base = `/towns/${town.slug}/moderation/words`;
  return attempt(args.request, submission, wordsSchema, async () => {
    if (input.intent === 'import') {
      const result = await importWatchedWords(actor, { townId: town.id, csv: await input.file.text() });
      if (result.errors.length) {
        // The valid lines are in; the answer names the others, next to the file field.
        throw new DomainError('invalid', 'moderation:words.importErrors', { imported: result.imported, lines: result.errors.map((e) => e.line).join(', ') }, 'file');
      }
      return redirect(`${base}?imported=${result.imported}`);
    }
    if (input.intent === 'remove') await removeWatchedWord(actor, { townId: town.id, wordId: input.wordId });
    else await addWatchedWord(actor, { townId: town.id, pattern: input.pattern, action: input.action });
    return redirect(`${base}?saved=1`);
  });
});

export default function WatchedWords() {
  const { t } = useTranslation(['moderation', 'common']);
  const { slug, words, saved, imported } = useLoaderData<typeof loader>();
  const [addMeta, addFields] = useAppForm(addForm, { formName: 'add', defaultValue: { action: 'hold' } });
  const [importMeta, importFields] = useAppForm(importForm, { formName: 'import' });
  const removeReply = useFormReply('remove');
  const file = importFields.file;
  const { key: _fileKey, ...fileProps } = getInputProps(file, { type: 'file', ariaDescribedBy: file.descriptionId });
  return (
    <div className="stack">
      <h2>{t('words.title')}</h2>
      <p>{t('words.intro')}</p>
      {saved ? <Notice>{t('words.saved')}</Notice> : null}
      {imported !== null ? <Notice>{t('words.imported', { count: imported })}</Notice> : null}
      <Form method="post" className="card stack" {...getFormProps(addMeta)}>
        <h3>{t('words.add')}</h3>
        <input type="hidden" name="intent" value="add" />
        <FormAlert errors={addMeta.errors} />
        <Field field={addFields.pattern} label={t('words.pattern')} hint={t('words.patternHint')} dir="auto" />
        <SelectField field={addFields.action} label={t('words.action')} options={WATCHED_WORD_ACTIONS.map((a) => ({ value: a, label: t(`words.actions.${a}`) }))} />
        <button type="submit" className="button primary">
          {t('words.addButton')}
        </button>
      </Form>
      <FormAlert errors={removeReply?.error?.[''] ?? removeReply?.error?.wordId ?? undefined} />
      {words.length === 0 ? (
        <p>{t('words.empty')}</p>
      ) : (
        <table className="data-table">
          <caption>{t('words.tableCaption', { count: words.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('words.pattern')}</th>
              <th scope="col">{t('words.action')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('words.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {words.map((word) => (
              <tr key={word.id}>
                <td dir="auto">{word.pattern}</td>
                <td>{t(`words.actions.${word.action}`)}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="wordId" value={word.id} />
                    <button type="submit" name="intent" value="remove" className="button small danger">
                      {t('words.remove')}
                      <span className="visually-hidden">
                        {' – '}
                        <bdi>{word.pattern}</bdi>
                      </span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="card stack" aria-labelledby="words-csv">
        <h3 id="words-csv">{t('words.csvHeading')}</h3>
        <p>
          <a href={`/towns/${slug}/moderation/words.csv`} download>
            {t('words.export')}
          </a>
        </p>
        <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(importMeta)}>
          <input type="hidden" name="intent" value="import" />
          <FormAlert errors={importMeta.errors} />
          {/* Field has no file type: the same label, hint and error, around a file input. */}
          <div className={`field${file.errors?.length ? ' has-error' : ''}`}>
            <label htmlFor={file.id}>{t('words.importFile')}</label>
            <p className="hint" id={file.descriptionId}>
              {t('words.importHint')}
            </p>
            <input {...fileProps} accept=".csv,text/csv" />
            <FieldError id={file.errorId} errors={file.errors} />
          </div>
          <button type="submit" className="button">
            {t('words.importButton')}
          </button>
        </Form>
      </section>
    </div>
  );
}
