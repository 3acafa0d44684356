/** The fields of an incident, for a new one and for a correction (a new revision). */
import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_CHANNELS, INCIDENT_KINDS, INCIDENT_SEVERITIES } from '#app/domain/incidents/evidence/record-content';
import { ChoiceGroup, Field, SelectField, TextAreaField } from '#app/components/ui/field';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fields of the incident schemas
type Fields = Record<string, FieldMetadata<any, any, string[]>>;

export function IncidentFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation('incidents');
  return (
    <>
      <fieldset className="stack">
        <legend>{t('form.whatLegend')}</legend>
        <SelectField field={fields.kind} label={t('form.kind')} options={INCIDENT_KINDS.map((kind) => ({ value: kind, label: t(`caseFile.kind.${kind}`) }))} />
        <ChoiceGroup field={fields.severity} legend={t('form.severity')} hint={t('form.severityHint')} options={INCIDENT_SEVERITIES.map((severity) => ({ value: severity, label: t(`caseFile.severity.${severity}`) }))} />
        <TextAreaField field={fields.description} label={t('form.description')} hint={t('form.descriptionHint')} rows={6} dir="auto" />
        <Field field={fields.occurredAt} type="datetime-local" label={t('form.occurredAt')} hint={t('form.timeHint')} />
      </fieldset>
      <fieldset className="stack">
        <legend>{t('form.whereLegend')}</legend>
        <SelectField field={fields.channel} label={t('form.channel')} options={INCIDENT_CHANNELS.map((channel) => ({ value: channel, label: t(`caseFile.channel.${channel}`) }))} />
        <TextAreaField field={fields.contentUrls} label={t('form.contentUrls')} hint={t('form.contentUrlsHint')} rows={3} dir="ltr" />
      </fieldset>
      <fieldset className="stack">
        <legend>{t('form.foundLegend')}</legend>
        <Field field={fields.foundAt} type="datetime-local" label={t('form.foundAt')} />
        <Field field={fields.foundBy} label={t('form.foundBy')} autoComplete="name" />
      </fieldset>
      <fieldset className="stack">
        <legend>{t('form.authorLegend')}</legend>
        <Field field={fields.author} label={t('form.author')} hint={t('form.authorHint')} dir="auto" />
        <Field field={fields.authorProfileUrl} type="url" label={t('form.authorProfileUrl')} dir="ltr" />
      </fieldset>
    </>
  );
}
