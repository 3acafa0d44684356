import { redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { addWatchedWord, importWatchedWords, listWatchedWords, removeWatchedWord } from '#app/domain/moderation/word-lists.server';
import { watchedWordSchema } from '#app/domain/moderation/schemas';
import { WATCHED_WORD_ACTIONS } from '#app/domain/moderation/watched-words';
import { domainFailure, invalid, parseForm } from '#app/forms.server';
import { requireActor, requireTown } from '#app/guards.server';
import { pageTitle } from '#app/page-title.server';
import { Field, FormAlert, Notice, SelectField } from '#app/components/ui/field';
import { useFormFailure } from '#app/components/ui/use-form-failure';

export const handle = { i18n: ['common', 'moderation'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const MAX_CSV_BYTES = 256 * 1024;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const url = new URL(request.url);
  return {
    title: await pageTitle(request, context, 'moderation:words.pageTitle', { town: town.name }),
    slug: town.slug,
    words: await listWatchedWords(actor, town.id),
    saved: url.searchParams.has('saved'),
    imported: url.searchParams.get('imported'),
  };
}

const removeSchema = z.object({ wordId: z.coerce.number().int().positive() });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const town = await requireTown(params.slug);
  const base = `/towns/${town.slug}/moderation/words`;
  const isUpload = request.headers.get('Content-Type')?.startsWith('multipart/form-data');
  const formData = isUpload
    ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES })).catch(() => null)
    : await request.formData();
  if (!formData) return invalid({ ok: false, fields: {}, errors: { file: { key: 'moderation:words.errors.fileTooLarge' } } });
  const intent = formData.get('intent');
  try {
    if (intent === 'import') {
      const file = formData.get('file');
      if (!(file instanceof Blob) || file.size === 0) return invalid({ ok: false, fields: {}, errors: { file: { key: 'moderation:words.errors.noFile' } } });
      const result = await importWatchedWords(actor, town.id, await file.text());
      if (result.errors.length) {
        return invalid({ ok: false, fields: {}, errors: { file: { key: 'moderation:words.importErrors', params: { imported: result.imported, lines: result.errors.map((e) => e.line).join(', ') } } } });
      }
      return redirect(`${base}?imported=${result.imported}`);
    }
    if (intent === 'remove') {
      const parsed = parseForm(removeSchema, formData);
      if (!parsed.ok) return invalid(parsed.failure);
      await removeWatchedWord(actor, town.id, parsed.value.wordId);
      return redirect(`${base}?saved=1`);
    }
    const parsed = parseForm(watchedWordSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    await addWatchedWord(actor, town.id, parsed.value);
    return redirect(`${base}?saved=1`);
  } catch (error) {
    return domainFailure(error, formData);
  }
}

export default function WatchedWords() {
  const { t } = useTranslation(['moderation', 'common']);
  const { slug, words, saved, imported } = useLoaderData<typeof loader>();
  const { errors, value } = useFormFailure();
  return (
    <div className="stack">
      <h2>{t('words.title')}</h2>
      <p>{t('words.intro')}</p>
      {saved ? <Notice>{t('words.saved')}</Notice> : null}
      {imported ? <Notice>{t('words.imported', { count: Number(imported) })}</Notice> : null}
      <Form method="post" className="card stack" noValidate>
        <h3>{t('words.add')}</h3>
        <FormAlert error={errors.form} />
        <Field name="pattern" label={t('words.pattern')} hint={t('words.patternHint')} defaultValue={value('pattern')} error={errors.pattern} dir="auto" />
        <SelectField name="action" label={t('words.action')} defaultValue={value('action', 'hold')} error={errors.action} options={WATCHED_WORD_ACTIONS.map((a) => ({ value: a, label: t(`words.actions.${a}`) }))} />
        <button type="submit" name="intent" value="add" className="button primary">
          {t('words.addButton')}
        </button>
      </Form>
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
                      <span className="visually-hidden"> – {word.pattern}</span>
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
        <Form method="post" encType="multipart/form-data" className="stack" noValidate>
          <Field name="file" type="file" accept=".csv,text/csv" label={t('words.importFile')} hint={t('words.importHint')} error={errors.file} />
          <button type="submit" name="intent" value="import" className="button">
            {t('words.importButton')}
          </button>
        </Form>
      </section>
    </div>
  );
}
