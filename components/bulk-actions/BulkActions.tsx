// Bulk actions on the selected customers (docs/workbench.md#bulk-actions): reassign consultant (the
// hand-over of docs/grading.md#a6-hand-overs), set stage, set grade, add tag, invite the B and C
// leads to a store event, delete; each one transaction with history
// (lib/db/bulk.ts), an undo of the last one, and a redo of that undo until
// another change is made.
import { useCallback, useEffect, useId, useState, type KeyboardEvent } from 'react';
import { STAGES, type Stage } from '@/lib/customer';
import {
  activeRuleSet,
  applyBulk,
  consultantNames,
  lastBulk,
  redoBulk,
  undoBulk,
  type BulkAction,
  type BulkKind,
  type BulkRecord,
  type BulkRedoResult,
  type BulkResult,
  type BulkUndoResult,
  type DealerLensDB,
} from '@/lib/db';
import { notifyCustomersChanged } from '@/lib/extension';
import { DEFEAT_REASONS, type RuleSet } from '@/lib/grading';
import { useLocale } from '@/components/i18n/LocaleContext';
import { MESSAGES } from './messages';

export interface BulkActionsProps {
  db: DealerLensDB;
  /** The selected customers' ids. */
  ids: readonly string[];
  /** After an action, an undo or a redo landed (the grid reloads the rows). */
  onDone(result: BulkOutcome): void;
  now?: () => Date;
}

export type BulkOutcome = BulkResult | BulkUndoResult | BulkRedoResult;

const KINDS: readonly BulkKind[] = ['reassign', 'stage', 'grade', 'tag', 'invite', 'delete'];

export function BulkActions({ db, ids, onDone, now = () => new Date() }: BulkActionsProps) {
  const { t } = useLocale();
  const id = useId();
  const [ruleSet, setRuleSet] = useState<Readonly<RuleSet> | null>(null);
  const [consultants, setConsultants] = useState<string[]>([]);
  const [open, setOpen] = useState<BulkKind | null>(null);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [eventAt, setEventAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [last, setLast] = useState<BulkRecord | undefined>(undefined);

  const refreshLast = useCallback(async () => setLast(await lastBulk(db)), [db]);
  useEffect(() => {
    void activeRuleSet(db).then(setRuleSet);
    void consultantNames(db).then(setConsultants);
    void refreshLast();
  }, [db, refreshLast]);

  const start = (kind: BulkKind) => {
    setOpen(kind);
    setValue(kind === 'stage' ? 'defeated' : kind === 'grade' ? (ruleSet?.standards.intent.bands[0]?.grade ?? '') : '');
    setReason('');
    setEventAt('');
    setNotice(null);
  };

  const actionOf = (kind: BulkKind): BulkAction | null => {
    const v = value.trim();
    if (kind === 'delete') return { kind };
    if (!v) return null;
    if (kind === 'reassign') return { kind, consultant: v };
    if (kind === 'grade') return { kind, grade: v };
    if (kind === 'tag') return { kind, tag: v };
    if (kind === 'invite') return eventAt ? { kind, event: v, eventAt } : null;
    if (v === 'defeated' && !reason) return null;
    return v === 'defeated' ? { kind, stage: v, defeatReason: reason } : { kind, stage: v as Stage };
  };

  const run = async (work: () => Promise<BulkOutcome>, text: (r: BulkOutcome) => string) => {
    setBusy(true);
    try {
      const result = await work();
      setNotice({ kind: 'ok' in result && !result.ok ? 'error' : 'info', text: text(result) });
      setOpen(null);
      await refreshLast();
      void notifyCustomersChanged(); // the toolbar badge follows at once
      onDone(result);
    } catch (e) {
      setNotice({ kind: 'error', text: t(MESSAGES.failed, { error: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };

  const apply = () => {
    if (!open || !ruleSet || busy) return;
    const action = actionOf(open);
    if (!action) return setNotice({ kind: 'error', text: t(MESSAGES.required) });
    void run(
      () => applyBulk(db, ids, action, ruleSet, now()),
      (r) =>
        t(MESSAGES[`done_${action.kind}`], {
          n: (r as BulkResult).changed,
          skipped: ids.length - (r as BulkResult).changed,
        }),
    );
  };

  const undo = () => {
    if (!ruleSet || busy) return;
    void run(
      () => undoBulk(db, ruleSet, now()),
      (r) => ('restored' in r ? t(MESSAGES.undone, { n: r.restored }) : 'reason' in r ? r.reason : ''),
    );
  };

  const redo = () => {
    if (!ruleSet || busy) return;
    void run(
      () => redoBulk(db, ruleSet, now()),
      (r) => ('redone' in r ? t(MESSAGES.redone, { n: r.redone }) : 'reason' in r ? r.reason : ''),
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(null);
    }
  };

  return (
    <div className="bulk-actions" role="toolbar" aria-label={t(MESSAGES.toolbar)} onKeyDown={onKeyDown}>
      <span className="count">{t(MESSAGES.selected, { n: ids.length })}</span>
      {KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          disabled={ids.length === 0 || busy}
          aria-expanded={open === kind}
          className={kind === 'delete' ? 'danger' : ''}
          onClick={() => start(kind)}
        >
          {t(MESSAGES[kind])}
        </button>
      ))}
      {last && (
        // One button that turns from 撤销 to 重做 and back: the keyboard's focus stays on it.
        <button
          type="button"
          className={last.undone ? 'redo' : 'undo'}
          aria-disabled={busy}
          onClick={last.undone ? redo : undo}
        >
          {t(last.undone ? MESSAGES.redo : MESSAGES.undo, {
            action: t(MESSAGES[last.action.kind]),
            n: last.customerIds.length,
          })}
        </button>
      )}
      {open && (
        <form
          className="bulk-form"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          {open === 'reassign' && (
            <label>
              <span>{t(MESSAGES.consultant)}</span>
              <input autoFocus list={`${id}-consultants`} value={value} onChange={(e) => setValue(e.target.value)} />
              <datalist id={`${id}-consultants`}>
                {consultants.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </label>
          )}
          {open === 'stage' && (
            <>
              <label>
                <span>{t(MESSAGES.stageLabel)}</span>
                <select autoFocus value={value} onChange={(e) => setValue(e.target.value)}>
                  {STAGES.map((s) => (
                    <option key={s} value={s}>
                      {t(MESSAGES[`stage_${s}`])}
                    </option>
                  ))}
                </select>
              </label>
              {value === 'defeated' && (
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
              )}
            </>
          )}
          {open === 'grade' && (
            <label>
              <span>{t(MESSAGES.gradeLabel)}</span>
              <select autoFocus value={value} onChange={(e) => setValue(e.target.value)}>
                {ruleSet?.standards.intent.bands.map((b) => (
                  <option key={b.grade} value={b.grade}>
                    {b.grade}
                  </option>
                ))}
              </select>
            </label>
          )}
          {open === 'tag' && (
            <label>
              <span>{t(MESSAGES.tagLabel)}</span>
              <input autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
            </label>
          )}
          {open === 'invite' && (
            <>
              <label>
                <span>{t(MESSAGES.eventLabel)}</span>
                <input
                  autoFocus
                  value={value}
                  placeholder={t(MESSAGES.eventPlaceholder)}
                  onChange={(e) => setValue(e.target.value)}
                />
              </label>
              <label>
                <span>{t(MESSAGES.eventAtLabel)}</span>
                <input type="date" value={eventAt} onChange={(e) => setEventAt(e.target.value)} />
              </label>
              <p className="hint">{t(MESSAGES.inviteHint)}</p>
            </>
          )}
          {open === 'delete' && <p>{t(MESSAGES.confirmDelete, { n: ids.length })}</p>}
          <button
            type="submit"
            className={open === 'delete' ? 'danger' : 'primary'}
            disabled={busy || !ruleSet}
            autoFocus={open === 'delete'}
          >
            {t(busy ? MESSAGES.working : MESSAGES.apply)}
          </button>
          <button type="button" onClick={() => setOpen(null)}>
            {t(MESSAGES.cancel)}
          </button>
        </form>
      )}
      {notice && (
        <p className={`notice ${notice.kind}`} role="status">
          {notice.text}
        </p>
      )}
    </div>
  );
}
