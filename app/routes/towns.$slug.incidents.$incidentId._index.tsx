import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { sniffFiles } from '#app/domain/files.server';
import { addAttachments, addFollowUp, assertIncidentReadable, getIncident } from '#app/domain/incidents/incidents.server';
import { INCIDENT_STATUSES, type AttachmentContent, type EvidenceSnapshotContent, type IncidentRevisionContent, type StatusFollowUpContent } from '#app/domain/incidents/evidence/record-content';
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES, attachmentSchema, followUpSchema, INCIDENT_TIME_ZONE, utcToZoned } from '#app/domain/incidents/schemas';
import { formAction, readFormData } from '#app/web/form.server';
import { useAppForm } from '#app/web/form';
import { clientFacts, requireId, routeAction, routeLoader, signedInTownPage } from '#app/web/guard.server';
import { shieldAndReport } from '#app/domain/incidents/evidence-posts.server';
import { supportFor } from '#app/domain/incidents/support.server';
import { SupportList } from '#app/components/incidents/support-list';
import { pageTitle } from '#app/web/page.server';
import { readUploadFormData } from '#app/web/upload.server';
import { useDateFormat } from '#app/components/use-date-format';
import { AttachmentFields } from '#app/components/incidents/attachment-fields';
import { Field, FormAlert, Notice, SelectField, TextAreaField } from '#app/components/ui/field';

export const handle = { i18n: ['common', 'incidents'] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const loader = (args: LoaderFunctionArgs) => routeLoader(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const incident = await getIncident(actor, { incidentId: requireId(args.params.incidentId), townId: town.id });
  const url = new URL(args.request.url);
  const saved = url.searchParams.has('saved');
  return {
    support: saved ? await supportFor(actor, { state: incident.town.state }) : null,
    title: await pageTitle(args, 'incidents:incident.pageTitle', { reference: incident.reference }),
    incident,
    saved,
    added: url.searchParams.get('added')?.slice(0, 20) ?? null,
    now: utcToZoned(new Date().toISOString()),
  };
});

const shieldSchema = z.object({ intent: z.literal('shield-report'), sequence: z.coerce.number().int().positive().max(2_000_000_000) });
const incidentActions = z.discriminatedUnion('intent', [followUpSchema, attachmentSchema, shieldSchema]);

/** Files come as multipart, the follow-up as a plain form: either is read with its own limits. */
const readEither = (request: Request) => (/^multipart\//i.test(request.headers.get('content-type') ?? '') ? readUploadFormData(request) : readFormData(request));

export const action = (args: ActionFunctionArgs) => routeAction(args, async (args) => {
  const { actor, town } = await signedInTownPage(args);
  const incidentId = requireId(args.params.incidentId);
  // Not readable, not found — before the form is looked at.
  await assertIncidentReadable(actor, { incidentId, townId: town.id });
  return formAction(
    args.request,
    incidentActions,
    async (input) => {
      if (input.intent === 'follow-up') {
        await addFollowUp(actor, { ...input, incidentId, townId: town.id });
      } else if (input.intent === 'shield-report') {
        const { reported } = await shieldAndReport(actor, { incidentId, sequence: input.sequence, ...(await clientFacts(args)) });
        return redirect(`/towns/${town.slug}/incidents/${incidentId}?added=${reported ? 'shield-report' : 'shield'}`);
      } else {
        const files = await sniffFiles(input.files, ATTACHMENT_TYPES, 'files');
        await addAttachments(actor, { incidentId, townId: town.id, files, caption: input.caption });
      }
      return redirect(`/towns/${town.slug}/incidents/${incidentId}?added=${input.intent}`);
    },
    { read: readEither },
  );
});

type View = ReturnType<typeof useLoaderData<typeof loader>>['incident'];
type Entry = View['timeline'][number];

function useTime() {
  return useDateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone: INCIDENT_TIME_ZONE });
}

function Facts({ current }: { current: IncidentRevisionContent }) {
  const { t } = useTranslation('incidents');
  const time = useTime();
  return (
    <dl className="incident-facts">
      <dt>{t('form.kind')}</dt>
      <dd>{t(`caseFile.kind.${current.kind}`)}</dd>
      <dt>{t('form.severity')}</dt>
      <dd>{t(`caseFile.severity.${current.severity}`)}</dd>
      <dt>{t('form.occurredAt')}</dt>
      <dd>{current.occurredAt ? time(current.occurredAt) : t('incident.unknown')}</dd>
      <dt>{t('form.channel')}</dt>
      <dd>{t(`caseFile.channel.${current.channel}`)}</dd>
      <dt>{t('form.description')}</dt>
      <dd dir="auto" className="prose">
        {current.description.split('\n').map((line, index) => (
          <span key={index}>
            {line}
            <br />
          </span>
        ))}
      </dd>
      <dt>{t('form.contentUrls')}</dt>
      <dd>
        {current.contentUrls.length ? (
          <ul className="plain-list">
            {current.contentUrls.map((url) => (
              <li key={url} dir="ltr">
                {url}
              </li>
            ))}
          </ul>
        ) : (
          t('incident.none')
        )}
      </dd>
      <dt>{t('form.foundAt')}</dt>
      <dd>{time(current.foundAt)}</dd>
      <dt>{t('form.foundBy')}</dt>
      <dd>
        <bdi>{current.foundBy}</bdi>
      </dd>
      <dt>{t('form.author')}</dt>
      <dd>{current.author ? <bdi>{current.author}</bdi> : t('incident.unknown')}</dd>
      <dt>{t('form.authorProfileUrl')}</dt>
      <dd dir="ltr">{current.authorProfileUrl ?? t('incident.unknown')}</dd>
    </dl>
  );
}

function EntryText({ entry, base }: { entry: Entry; base: string }) {
  const { t } = useTranslation('incidents');
  const time = useTime();
  switch (entry.kind) {
    case 'incident_revision': {
      const content = entry.content as IncidentRevisionContent;
      return <p>{content.revision === 1 ? t('timeline.recorded') : t('timeline.revised', { revision: content.revision })}</p>;
    }
    case 'status_follow_up': {
      const content = entry.content as StatusFollowUpContent;
      return (
        <div>
          <p>
            <strong>{t(`caseFile.status.${content.status}`)}</strong> · {time(content.at)}
          </p>
          {content.policeFileNumber ? <p>{t('timeline.fileNumber', { number: content.policeFileNumber })}</p> : null}
          {content.authority ? <p dir="auto">{content.authority}</p> : null}
          {content.note ? <p dir="auto">{content.note}</p> : null}
        </div>
      );
    }
    case 'attachment': {
      const content = entry.content as AttachmentContent;
      return (
        <p>
          {t('timeline.attachment', { name: content.fileName, type: content.mimeType, size: content.size })}
          {content.caption ? <> — <bdi>{content.caption}</bdi></> : null}{' '}
          <a href={`${base}/attachments/${entry.sequence}`} download>
            {t('timeline.download')}
            <span className="visually-hidden"> – {content.fileName}</span>
          </a>
          <br />
          <span className="hash" dir="ltr">SHA-256 {content.sha256}</span>
        </p>
      );
    }
    case 'evidence_snapshot': {
      const content = entry.content as EvidenceSnapshotContent;
      return <p>{t('timeline.snapshot', { author: content.post.author, url: content.url })}</p>;
    }
  }
}

function FollowUpForm({ now }: { now: string }) {
  const { t } = useTranslation('incidents');
  const [form, fields] = useAppForm(followUpSchema, { formName: 'follow-up', id: 'follow-up', defaultValue: { status: 'reported', at: now } });
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <h3>{t('followUp.heading')}</h3>
      <FormAlert errors={form.errors} />
      <SelectField field={fields.status} label={t('followUp.status')} options={INCIDENT_STATUSES.map((status) => ({ value: status, label: t(`caseFile.status.${status}`) }))} />
      <Field field={fields.at} type="datetime-local" label={t('followUp.at')} />
      <Field field={fields.policeFileNumber} label={t('followUp.policeFileNumber')} hint={t('followUp.policeFileNumberHint')} dir="ltr" />
      <Field field={fields.authority} label={t('followUp.authority')} dir="auto" />
      <TextAreaField field={fields.note} label={t('followUp.note')} rows={3} dir="auto" />
      <button type="submit" name="intent" value="follow-up" className="button primary">
        {t('followUp.submit')}
      </button>
    </Form>
  );
}

function AttachForm() {
  const { t } = useTranslation('incidents');
  const [form, fields] = useAppForm(attachmentSchema, { formName: 'attach', id: 'attach' });
  return (
    <Form method="post" encType="multipart/form-data" className="stack card" {...getFormProps(form)}>
      <h3>{t('attachments.heading')}</h3>
      <FormAlert errors={form.errors} />
      <AttachmentFields files={fields.files} caption={fields.caption} accept={ATTACHMENT_ACCEPT} />
      <button type="submit" name="intent" value="attach" className="button primary">
        {t('attachments.submit')}
      </button>
    </Form>
  );
}

/** One incident: the current record, what became of it, every entry of the chain, and who read it. */
export default function IncidentPage() {
  const { t, i18n } = useTranslation('incidents');
  const { incident, saved, added, now, support } = useLoaderData<typeof loader>();
  const time = useTime();
  const base = `/towns/${incident.town.slug}/incidents/${incident.id}`;
  return (
    <div className="stack">
      {saved ? <Notice>{t('incident.saved', { reference: incident.reference })}</Notice> : null}
      {support ? <SupportList entries={support} headingId="support-heading" heading={t('support.afterSaving')} /> : null}
      {added ? <Notice>{added === 'shield-report' ? t('shieldLink.done') : added === 'shield' ? t('shieldLink.shieldOnly') : t('incident.added')}</Notice> : null}
      <h2>{t('incident.heading', { reference: incident.reference })}</h2>
      <p className="lead">
        {t('incident.statusLine', { status: t(`caseFile.status.${incident.status}`) })}
        {incident.policeFileNumber ? <> · {t('timeline.fileNumber', { number: incident.policeFileNumber })}</> : null}
      </p>
      {!incident.owner.isActor ? <p>{t('incident.sharedBy', { name: incident.owner.name })}</p> : null}
      {incident.current.severity === 'acute' ? <p className="acute-warning">{t('list.emergency')}</p> : null}
      <nav aria-label={t('incident.toolsLabel')}>
        <ul className="inline-list">
          {incident.owner.isActor ? (
            <li>
              <Link to={`${base}/revise`}>{t('incident.revise')}</Link>
            </li>
          ) : null}
          <li>
            <Link to={`${base}/verify`}>{t('incident.verify')}</Link>
          </li>
          <li>
            <a href={`${base}/case-file.zip`} download>
              {t('incident.caseFile')}
            </a>
          </li>
          {i18n.language !== 'de' ? (
            <li>
              <a href={`${base}/case-file.zip?lang=${encodeURIComponent(i18n.language)}`} download>
                {t('incident.caseFileInLanguage')}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
      <section aria-labelledby="facts-heading" className="stack">
        <h3 id="facts-heading">{t('incident.factsHeading', { revision: incident.current.revision })}</h3>
        <Facts current={incident.current} />
      </section>
      <section aria-labelledby="timeline-heading" className="stack">
        <h3 id="timeline-heading">{t('timeline.heading')}</h3>
        <ol className="timeline">
          {incident.timeline.map((entry) => (
            <li key={entry.sequence}>
              <p className="timeline-meta">{t('timeline.entry', { sequence: entry.sequence, date: time(entry.receivedAt) })}</p>
              <EntryText entry={entry} base={base} />
            </li>
          ))}
        </ol>
      </section>
      {incident.snapshots.length ? (
        <section aria-labelledby="snapshots-heading" className="stack">
          <h3 id="snapshots-heading">{t('snapshots.heading')}</h3>
          {incident.snapshots.map(({ sequence, postId, content }) => (
            <article key={sequence} className="card stack">
              <p className="timeline-meta">
                {t('snapshots.captured', { name: content.capturedBy, date: time(content.capturedAt) })} · <span dir="ltr">{content.url}</span>
              </p>
              {content.threadTitle ? <p dir="auto">{t('snapshots.thread', { title: content.threadTitle })}</p> : null}
              {[...content.context.filter((post) => post.postedAt <= content.post.postedAt), content.post, ...content.context.filter((post) => post.postedAt > content.post.postedAt)].map((post, index) => (
                <div key={index} className={`snapshot-post${post === content.post ? ' is-secured' : ''}`}>
                  <p className="timeline-meta">
                    {t('snapshots.byline', { author: post.author, date: time(post.postedAt) })}
                    {post === content.post ? <strong> · {t('snapshots.securedPost')}</strong> : null}
                  </p>
                  <p dir="auto">{post.text}</p>
                </div>
              ))}
              {incident.owner.isActor && postId ? (
                <Form method="post" className="stack">
                  <p className="hint">{t('shieldLink.intro')}</p>
                  <input type="hidden" name="sequence" value={sequence} />
                  <button type="submit" name="intent" value="shield-report" className="button">
                    {t('shieldLink.submit')}
                  </button>
                </Form>
              ) : null}
            </article>
          ))}
        </section>
      ) : null}
      {incident.owner.isActor ? (
        <>
          <FollowUpForm now={now} />
          <AttachForm />
        </>
      ) : null}
      {incident.reads ? (
        <section aria-labelledby="reads-heading" className="stack">
          <h3 id="reads-heading">{t('reads.heading')}</h3>
          <p>{t('reads.intro')}</p>
          <table className="data-table">
            <caption className="visually-hidden">{t('reads.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reads.who')}</th>
                <th scope="col">{t('reads.what')}</th>
                <th scope="col">{t('reads.when')}</th>
              </tr>
            </thead>
            <tbody>
              {incident.reads.map((read, index) => (
                <tr key={index}>
                  <td>
                    <bdi>{read.reader}</bdi>
                  </td>
                  <td>{t(`reads.actions.${read.action}`)}</td>
                  <td>{time(read.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
