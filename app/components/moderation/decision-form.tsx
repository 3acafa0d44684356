import { Form } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUNDS, type DecisionAction } from '#app/domain/moderation/schemas';
import type { FieldError } from '#app/forms';
import { Field, FormAlert, SelectField, TextAreaField } from '#app/components/ui/field';

interface DecisionFormProps {
  actions: readonly DecisionAction[];
  forums: { id: number; name: string }[];
  currentTitle: string | null;
  automated: boolean;
  errors: Record<string, FieldError>;
  value: (name: string, fallback?: string) => string;
}

/** Which extra field an action needs. */
const EXTRA: Partial<Record<DecisionAction, 'title' | 'forumId' | 'seconds' | 'days'>> = {
  edit_title: 'title',
  move: 'forumId',
  slow_mode: 'seconds',
  warn: 'days',
  mute: 'days',
  suspend: 'days',
};

/**
 * A decision with its statement of reasons (DSA art. 17): the action, the rule or legal ground, the facts,
 * whether automation was involved, and — where it applies — the duration. With JavaScript only the field
 * the chosen action needs is shown; without it, all are.
 */
export function DecisionForm({ actions, forums, currentTitle, automated, errors, value }: DecisionFormProps) {
  const { t } = useTranslation('moderation');
  const [action, setAction] = useState(value('action', actions[0]));
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const shows = (field: string) => !hydrated || EXTRA[action as DecisionAction] === field;
  return (
    <Form method="post" className="stack decision-form" noValidate>
      <input type="hidden" name="intent" value="decide" />
      <FormAlert error={errors.form} />
      <SelectField
        name="action"
        label={t('decision.action')}
        value={action}
        onChange={(event) => setAction(event.target.value)}
        error={errors.action}
        options={actions.map((a) => ({ value: a, label: t(`actions.${a}`) }))}
      />
      {shows('title') ? <Field name="title" label={t('decision.newTitle')} hint={hydrated ? undefined : t('decision.onlyFor', { action: t('actions.edit_title') })} defaultValue={value('title', currentTitle ?? '')} error={errors.title} dir="auto" /> : null}
      {shows('forumId') && forums.length ? (
        <SelectField
          name="forumId"
          label={t('decision.targetForum')}
          hint={hydrated ? undefined : t('decision.onlyFor', { action: t('actions.move') })}
          defaultValue={value('forumId')}
          error={errors.forumId}
          options={forums.map((f) => ({ value: String(f.id), label: f.name }))}
        />
      ) : null}
      {shows('seconds') ? (
        <Field name="seconds" type="number" min={0} max={86400} label={t('decision.seconds')} hint={t('decision.secondsHint')} defaultValue={value('seconds', '120')} error={errors.seconds} />
      ) : null}
      {shows('days') ? <Field name="days" type="number" min={1} max={365} label={t('decision.days')} hint={t('decision.daysHint')} defaultValue={value('days', '7')} error={errors.days} /> : null}
      <SelectField
        name="ground"
        label={t('decision.ground')}
        defaultValue={value('ground', '')}
        error={errors.ground}
        options={[{ value: '', label: t('decision.chooseGround') }, ...GROUNDS.map((g) => ({ value: g, label: t(`grounds.${g}`) }))]}
      />
      <TextAreaField name="facts" label={t('decision.facts')} hint={t('decision.factsHint')} rows={4} defaultValue={value('facts')} error={errors.facts} dir="auto" />
      <label className="checkbox-label">
        <input type="checkbox" name="automated" defaultChecked={value('automated', automated ? 'on' : '') === 'on'} /> {t('decision.automated')}
      </label>
      <p className="hint">{t('decision.appealInfo')}</p>
      <button type="submit" className="button primary">
        {t('decision.submit')}
      </button>
    </Form>
  );
}
