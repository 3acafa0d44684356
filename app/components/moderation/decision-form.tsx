import { Form } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { unstable_coerceFormValue as coerceFormValue } from '@conform-to/zod';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { decisionActionSchema, decisionSchema, GROUNDS, type DecisionAction, type DecisionInput } from '#app/domain/moderation/schemas';
import { useAppForm } from '#app/web/form';
import { CheckboxField, Field, FormAlert, SelectField, TextAreaField } from '#app/components/ui/field';

/** The form's `intent`: the page's action answers it under this name. */
export const DECIDE_INTENT = 'decide';

/**
 * What the decision form posts, read in two steps: a known action first (with its own message), then —
 * in `checkDecision` — the fields that action needs. The decision schema has one shape per action, so it
 * cannot sit inside a page's union of intents itself.
 */
export const decideForm = z.object({ intent: z.literal(DECIDE_INTENT), action: decisionActionSchema.shape.action }).passthrough();

// The fields are checked as the browser checks them (conform's coercion: empty is missing, numbers are numbers).
const decisionFields = coerceFormValue(decisionSchema);

/** For a `.transform` after `decideForm`: the decision, or its errors next to their fields. */
export function checkDecision(form: z.output<typeof decideForm>, context: z.RefinementCtx): DecisionInput {
  const decision = decisionFields.safeParse(form);
  if (decision.success) return decision.data;
  for (const issue of decision.error.issues) context.addIssue(issue);
  return z.NEVER;
}

interface DecisionFormProps {
  actions: readonly DecisionAction[];
  /** Forums a thread may be moved to, named in the reader's language (`lang`: the language of the name). */
  forums: { id: number; name: string; lang: string }[];
  currentTitle: string | null;
  automated: boolean;
  /** The case is about a question at an event: "hide" hides the question. */
  aboutQuestion?: boolean;
}

/** An action's name; hiding a question at an event is named as such. */
export const actionLabelKey = (action: DecisionAction, aboutQuestion: boolean) => (aboutQuestion && action === 'hide' ? 'actions.hide_question' : `actions.${action}`);

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
export function DecisionForm({ actions, forums, currentTitle, automated, aboutQuestion = false }: DecisionFormProps) {
  const { t } = useTranslation('moderation');
  const [form, fields] = useAppForm(decisionSchema, {
    formName: DECIDE_INTENT,
    defaultValue: { action: actions[0], title: currentTitle ?? '', seconds: 120, days: 7, automated: automated ? 'on' : undefined },
  });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const action = (fields.action.value ?? actions[0]) as DecisionAction;
  const shows = (field: string) => !hydrated || EXTRA[action] === field;
  const onlyFor = (extra: DecisionAction) => (hydrated ? undefined : t('decision.onlyFor', { action: t(`actions.${extra}`) }));
  return (
    <Form method="post" className="stack decision-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={DECIDE_INTENT} />
      <FormAlert errors={form.errors} />
      <SelectField field={fields.action} label={t('decision.action')} options={actions.map((a) => ({ value: a, label: t(actionLabelKey(a, aboutQuestion)) }))} />
      {shows('title') ? <Field field={fields.title} label={t('decision.newTitle')} hint={onlyFor('edit_title')} dir="auto" /> : null}
      {shows('forumId') && forums.length ? (
        <SelectField
          field={fields.forumId}
          label={t('decision.targetForum')}
          hint={onlyFor('move')}
          options={forums.map((f) => ({ value: String(f.id), label: f.name, lang: f.lang }))}
        />
      ) : null}
      {shows('seconds') ? <Field field={fields.seconds} type="number" min={0} max={86400} label={t('decision.seconds')} hint={t('decision.secondsHint')} /> : null}
      {shows('days') ? <Field field={fields.days} type="number" min={1} max={365} label={t('decision.days')} hint={t('decision.daysHint')} /> : null}
      <SelectField
        field={fields.ground}
        label={t('decision.ground')}
        options={[{ value: '', label: t('decision.chooseGround') }, ...GROUNDS.map((g) => ({ value: g, label: t(`grounds.${g}`) }))]}
      />
      <TextAreaField field={fields.facts} label={t('decision.facts')} hint={t('decision.factsHint')} rows={4} dir="auto" />
      <CheckboxField field={fields.automated} label={t('decision.automated')} />
      <p className="hint">{t('decision.appealInfo')}</p>
      <button type="submit" className="button primary">
        {t('decision.submit')}
      </button>
    </Form>
  );
}
