// Log a follow-up in two clicks (docs/workbench.md#logging-a-follow-up): the channel starts on 电话, so an
// outcome quick pick and 保存 log a call; grade, stage (with a defeat reason
// from the preset list: docs/grading.md#g82-defeat-reasons), note and the next contact date
// are optional. Keyboard: natural tab order, Enter saves (Shift+Enter for a
// new line in the note), Esc cancels, focus always visible (follow-up-form.css).
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { localDateTimeOf } from '@/lib/calendar';
import { STAGES, type Stage } from '@/lib/customer';
import { activeRuleSet, logFollowUp, type DealerLensDB, type LoggedFollowUp, type StoredCustomer } from '@/lib/db';
import { CHANNELS, CHANNEL_LABELS, countsToday, type Channel } from '@/lib/followup';
import { DEFEAT_REASONS, type RuleSet } from '@/lib/grading';
import { notifyCustomersChanged } from '@/lib/extension';
import { useLocale } from '@/components/i18n/LocaleContext';
import { proposeNextContact } from './cadence';
import { MESSAGES, OUTCOME_PICKS } from './messages';

export interface FollowUpFormProps {
  db: DealerLensDB;
  customer: StoredCustomer;
  now: () => Date;
  /** Who logs it; defaults to the customer's consultant. */
  consultant?: string;
  /** After the follow-up, the customer's update and re-grade are stored. */
  onLogged(result: LoggedFollowUp): void;
  onCancel(): void;
  /** Focus the first channel button when shown (the drawer's "log" key). */
  autoFocus?: boolean;
  /** What Esc does: cancel the form (alone on a page), or leave it to the host (the drawer closes). */
  escape?: 'cancel' | 'host';
}

export function FollowUpForm({
  db,
  customer,
  now,
  consultant,
  onLogged,
  onCancel,
  autoFocus,
  escape = 'cancel',
}: FollowUpFormProps) {
  const { t } = useLocale();
  const id = useId();
  const [ruleSet, setRuleSet] = useState<Readonly<RuleSet> | null>(null);
  const [channel, setChannel] = useState<Channel>('phone');
  const [outcome, setOutcome] = useState('');
  const [newGrade, setNewGrade] = useState('');
  const [newStage, setNewStage] = useState<Stage | ''>('');
  const [reason, setReason] = useState('');
  const [reasonDetail, setReasonDetail] = useState('');
  const [note, setNote] = useState('');
  const [chosenDate, setChosenDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const firstRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void activeRuleSet(db).then((r) => live && setRuleSet(r));
    return () => {
      live = false;
    };
  }, [db]);
  useEffect(() => {
    if (autoFocus) firstRef.current?.focus();
  }, [autoFocus]);

  const grades = ruleSet?.standards.intent.bands.map((b) => b.grade) ?? [];
  const proposal = useMemo(
    () =>
      ruleSet
        ? proposeNextContact(ruleSet, newGrade || customer.grades?.intent, newStage || customer.stage, now())
        : null,
    [ruleSet, newGrade, newStage, customer, now],
  );
  const nextDate = chosenDate ?? proposal?.date ?? '';

  const submit = async () => {
    if (saving || !ruleSet) return;
    const text = outcome.trim();
    if (!text) return setError(t(MESSAGES.outcomeRequired));
    if (newStage === 'defeated' && !reason) return setError(t(MESSAGES.reasonRequired));
    setError(null);
    setSaving(true);
    try {
      const detail = reasonDetail.trim();
      const result = await logFollowUp(
        db,
        {
          customerId: customer.id,
          at: localDateTimeOf(now()),
          channel,
          outcome: text,
          consultant: consultant ?? customer.consultant ?? '',
          ...(note.trim() && { note: note.trim() }),
          ...(newGrade && { newGrade }),
          ...(newStage && { newStage }),
          ...(newStage === 'defeated' && { defeatReason: detail ? `${reason}: ${detail}` : reason }),
          // Only a date the user changed is stored: the proposal is the cadence itself, and
          // a stored date would override the cadence until the next follow-up (lib/followup).
          ...(chosenDate && chosenDate !== proposal?.date && { nextContactAt: chosenDate }),
        },
        ruleSet,
        now(),
      );
      // The toolbar badge follows at once: this customer left (or joined) today's count.
      void notifyCustomersChanged(
        Number(countsToday(result.customer.grades, now())) - Number(countsToday(customer.grades, now())),
      );
      onLogged(result);
    } catch (e) {
      setError(t(MESSAGES.failed, { error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape' && escape === 'cancel') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (
      e.key === 'Enter' &&
      e.target instanceof HTMLTextAreaElement &&
      !e.shiftKey &&
      !e.nativeEvent.isComposing
    ) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form
      className="follow-up-form"
      aria-labelledby={`${id}-title`}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${id}-title`}>{t(MESSAGES.title)}</h3>
      <div role="group" aria-label={t(MESSAGES.channel)} className="channels">
        {CHANNELS.map((c, i) => (
          <button
            key={c}
            ref={i === 0 ? firstRef : undefined}
            type="button"
            aria-pressed={channel === c}
            className={channel === c ? 'on' : ''}
            onClick={() => setChannel(c)}
          >
            {t(CHANNEL_LABELS[c])}
          </button>
        ))}
      </div>
      <div role="group" aria-label={t(MESSAGES.outcome)} className="picks">
        {OUTCOME_PICKS.map((p) => (
          <button
            key={p.zh}
            type="button"
            aria-pressed={outcome === p.zh}
            className={outcome === p.zh ? 'on' : ''}
            onClick={() => setOutcome(p.zh)}
          >
            {t(p)}
          </button>
        ))}
      </div>
      <label>
        <span>{t(MESSAGES.outcome)}</span>
        <input
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          placeholder={t(MESSAGES.outcomePlaceholder)}
        />
      </label>
      <div className="row">
        <label>
          <span>{t(MESSAGES.newGrade)}</span>
          <select value={newGrade} onChange={(e) => setNewGrade(e.target.value)}>
            <option value="">
              {t(MESSAGES.unchanged)}
              {customer.grades?.intent ? ` (${customer.grades.intent})` : ''}
            </option>
            {grades.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t(MESSAGES.newStage)}</span>
          <select value={newStage} onChange={(e) => setNewStage(e.target.value as Stage | '')}>
            <option value="">
              {t(MESSAGES.unchanged)}
              {customer.stage ? ` (${t(MESSAGES[`stage_${customer.stage}`])})` : ''}
            </option>
            {STAGES.filter((s) => s !== customer.stage).map((s) => (
              <option key={s} value={s}>
                {t(MESSAGES[`stage_${s}`])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {newStage === 'defeated' && (
        <div className="row">
          <label>
            <span>{t(MESSAGES.defeatReason)}</span>
            <select value={reason} onChange={(e) => setReason(e.target.value)}>
              <option value="">—</option>
              {DEFEAT_REASONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t(MESSAGES.defeatDetail)}</span>
            <input value={reasonDetail} onChange={(e) => setReasonDetail(e.target.value)} />
          </label>
        </div>
      )}
      <label>
        <span>{t(MESSAGES.note)}</span>
        <textarea value={note} rows={2} onChange={(e) => setNote(e.target.value)} aria-describedby={`${id}-hint`} />
      </label>
      <label>
        <span>{t(MESSAGES.nextContact)}</span>
        <input type="date" value={nextDate} onChange={(e) => setChosenDate(e.target.value || null)} />
        <small>
          {chosenDate && chosenDate !== proposal?.date
            ? t(MESSAGES.nextContactChosen)
            : proposal && t(MESSAGES.nextContactProposed, { grade: proposal.basis, days: proposal.days })}
        </small>
      </label>
      <p className="hint" id={`${id}-hint`}>
        {t(MESSAGES.noteHint)}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving || !ruleSet}>
          {t(saving ? MESSAGES.saving : MESSAGES.save)}
        </button>
        <button type="button" onClick={onCancel}>
          {t(MESSAGES.cancel)}
        </button>
      </div>
    </form>
  );
}
