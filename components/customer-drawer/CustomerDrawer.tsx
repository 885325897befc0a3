// The customer drawer (docs/workbench.md#the-customer-drawer): every field with where it came from and when
// it last changed (history), every grade with its reason, the follow-up
// timeline, notes, the link back to the customer's page on the portal, and the
// follow-up form inline, with 撤销 / 重做 of the follow-up just logged. Keyboard:
// after a save the focus stays in the drawer (on the fresh form), and Esc
// closes the drawer from anywhere inside it (the host puts the focus back).
import { useCallback, useEffect, useRef, useState } from 'react';
import { FIELDS, FIELD_NAMES, displayValue, webLink, type FieldName } from '@/lib/customer';
import {
  HISTORY_CREATED,
  HISTORY_FOLLOW_UP,
  HISTORY_MANUAL_GRADE,
  HISTORY_TAGS,
  activeRuleSet,
  customerDetail,
  redoFollowUp,
  undoFollowUp,
  type FollowUpUndoResult,
  type DealerLensDB,
  type HistoryEntry,
  type StoredCustomer,
} from '@/lib/db';
import { CHANNEL_LABELS, type FollowUp } from '@/lib/followup';
import {
  entryOf,
  FLAG_LABELS,
  gradeCustomer,
  gradeLabel,
  STANDARDS,
  standardById,
  type Bilingual as Words,
  type FlagId,
  type GradeSummary,
  type IntentParams,
  type CustomerGrading,
  type StandardId,
} from '@/lib/grading';
import type { Bilingual, Locale } from '@/lib/i18n';
import { notifyCustomersChanged } from '@/lib/extension';
import { useLocale } from '@/components/i18n/LocaleContext';
import { FollowUpForm } from '@/components/follow-up-form/FollowUpForm';
import { ForgetCustomer } from '@/components/forget-customer/ForgetCustomer';
import { MESSAGES } from './messages';

export interface CustomerDrawerProps {
  db: DealerLensDB;
  customerId: string;
  now: () => Date;
  onClose(): void;
  /** After this drawer changed the customer (a follow-up logged), with the customer as stored. */
  onChanged?(customer: StoredCustomer): void;
  /** Who logs follow-ups from here; defaults to the customer's consultant. */
  consultant?: string;
}

/** One standard's line in the drawer. */
interface GradeLine {
  standard: StandardId;
  grade: string;
  label: Words;
  detail: string | undefined;
  reason: Words;
}

interface Loaded {
  customer: StoredCustomer;
  history: HistoryEntry[];
  followUps: FollowUp[];
  grades: GradeLine[];
  flags: readonly FlagId[];
}

/**
 * The stored grading as stored (the grid shows the same): only the reasons are
 * worked out, each standard run alone by the run API. A stored grade today's
 * rules no longer give (the store not yet re-graded) shows today's grade, so
 * the words match the grade beside them.
 */
function storedLines(stored: GradeSummary, fresh: CustomerGrading, intent: IntentParams): GradeLine[] {
  const lines: GradeLine[] = [];
  for (const { id } of STANDARDS) {
    const grade = stored[id];
    if (grade === undefined) continue;
    const today = fresh.gradeOf(id);
    if (today !== undefined && today !== grade) {
      lines.push(entryOf(fresh, id)!);
      continue;
    }
    const reason = fresh.reasonOf(id) ?? { zh: '', en: '' };
    lines.push({ standard: id, grade, label: gradeLabel(id, grade, intent), detail: stored[`${id}Detail`], reason });
  }
  return lines;
}

async function load(db: DealerLensDB, customerId: string, now: Date): Promise<Loaded | null> {
  const detail = await customerDetail(db, customerId);
  if (!detail) return null;
  const { customer, history, followUps, ruleSet, context } = detail;
  // Reasons are not stored: the run API works them out (docs/grading.md#g010-the-run-api).
  const fresh = gradeCustomer(customer, ruleSet, now, context);
  if (!customer.grades) return { customer, history, followUps, grades: fresh.entries, flags: fresh.flags };
  const grades = storedLines(customer.grades, fresh, ruleSet.standards.intent);
  return { customer, history, followUps, grades, flags: customer.grades.flags ?? [] };
}

/** A history field as a label: canonical fields by FIELDS, the follow-up log's own entries by name. */
function fieldLabel(field: string): Bilingual {
  if (field in FIELDS) return FIELDS[field as FieldName];
  if (field === HISTORY_FOLLOW_UP) return MESSAGES.historyFollowUp;
  if (field === HISTORY_CREATED) return MESSAGES.historyCreated;
  if (field === HISTORY_MANUAL_GRADE) return MESSAGES.manualGrade;
  if (field === HISTORY_TAGS) return MESSAGES.tags;
  return { zh: field.replace(/^extra\./, ''), en: field.replace(/^extra\./, '') };
}

const shown = (value: unknown, locale: Locale): string =>
  Array.isArray(value) ? value.join(', ') : displayValue(value, locale);
const when = (iso: string): string =>
  iso.includes('Z') ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : iso.replace('T', ' ');

export function CustomerDrawer({ db, customerId, now, onClose, onChanged, consultant }: CustomerDrawerProps) {
  const { t, locale } = useLocale();
  const [loaded, setLoaded] = useState<Loaded | null | undefined>(undefined);
  const [formOpen, setFormOpen] = useState(true);
  const [formKey, setFormKey] = useState(0);
  // The follow-up this drawer logged last: undone or not, and what came of the last undo or redo.
  const [logged, setLogged] = useState<{ undone: boolean; error?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const logButtonRef = useRef<HTMLButtonElement>(null);
  const folded = useRef(false);

  const reload = useCallback(async () => setLoaded(await load(db, customerId, now())), [db, customerId, now]);
  useEffect(() => {
    setLoaded(undefined);
    void reload();
  }, [reload]);
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded?.customer.id]); // eslint-disable-line react-hooks/exhaustive-deps -- focus once per customer shown

  useEffect(() => {
    // The form folded by its 取消 button: the focus goes to the button that opens it again, not to the page.
    if (!formOpen && folded.current) logButtonRef.current?.focus();
  }, [formOpen]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onClose();
    }
  };

  const undoOrRedo = async (work: typeof undoFollowUp, undone: boolean) => {
    if (busy) return;
    setBusy(true);
    try {
      const result: FollowUpUndoResult = await work(db, await activeRuleSet(db), now());
      if (!result.ok) return setLogged((l) => l && { ...l, error: result.reason });
      await reload();
      setLogged({ undone });
      void notifyCustomersChanged();
      onChanged?.(result.customer);
    } finally {
      setBusy(false);
    }
  };

  if (loaded === undefined)
    return (
      <aside className="customer-drawer" aria-busy="true">
        {t(MESSAGES.loading)}
      </aside>
    );
  if (loaded === null)
    return (
      <aside className="customer-drawer" onKeyDown={onKeyDown}>
        <p>{t(MESSAGES.notFound)}</p>
        <button type="button" onClick={onClose}>
          {t(MESSAGES.close)}
        </button>
      </aside>
    );

  const { customer, history, followUps, grades: entries, flags } = loaded;
  const lastChange = new Map<string, HistoryEntry>();
  for (const entry of history) if (!lastChange.has(entry.field)) lastChange.set(entry.field, entry); // newest first
  const byLabel = (by: HistoryEntry['by']) =>
    t(by === 'user' ? MESSAGES.byUser : by === 'undo' ? MESSAGES.byUndo : MESSAGES.byCapture);
  const grades = customer.grades;
  // A stored link is checked again where it is rendered: a backup or an older version may hold any scheme.
  const portalLink = webLink(customer.provenance.detailUrl);

  return (
    <aside className="customer-drawer" role="dialog" aria-label={t(MESSAGES.dialog)} onKeyDown={onKeyDown}>
      <header>
        <h2 tabIndex={-1} ref={headingRef}>
          {customer.name ?? customer.phone ?? customer.id}
          {customer.consultant && <small> · {customer.consultant}</small>}
        </h2>
        <div className="links">
          {portalLink && (
            <a href={portalLink} target="_blank" rel="noreferrer noopener">
              {t(MESSAGES.portalLink)}
            </a>
          )}
          <button type="button" onClick={onClose} aria-label={t(MESSAGES.close)}>
            ×
          </button>
        </div>
      </header>

      <section aria-label={t(MESSAGES.nextDue)} className="due">
        {grades?.nextDueAt ? (
          <p data-testid="next-due">
            {t(MESSAGES.nextDue)}: <b>{grades.nextDueAt}</b>
            {grades.due === 'due' && ` (${t(MESSAGES.dueToday)})`}
            {grades.due === 'overdue' && ` (${t(MESSAGES.overdueDays, { n: grades.overdueDays ?? 0 })})`}
          </p>
        ) : (
          <p data-testid="next-due">{t(MESSAGES.nextDue)}: —</p>
        )}
        {customer.tags && customer.tags.length > 0 && (
          <p className="tags">
            {t(MESSAGES.tags)}:{' '}
            {customer.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </p>
        )}
      </section>

      {logged && (
        <p className="logged" role="status">
          {t(logged.undone ? MESSAGES.undoneLogged : MESSAGES.logged)}{' '}
          {/* One button that turns from 撤销 to 重做 and back: the focus stays on it. */}
          <button
            type="button"
            aria-disabled={busy}
            onClick={() => void (logged.undone ? undoOrRedo(redoFollowUp, false) : undoOrRedo(undoFollowUp, true))}
          >
            {t(logged.undone ? MESSAGES.redoLogged : MESSAGES.undoLogged)}
          </button>
          {logged.error && <span className="error"> {logged.error}</span>}
        </p>
      )}

      {formOpen ? (
        <FollowUpForm
          key={formKey}
          db={db}
          customer={customer}
          now={now}
          consultant={consultant}
          escape="host"
          // A fresh form after a save takes the focus, which stays in the drawer.
          autoFocus={formKey > 0}
          onCancel={() => {
            folded.current = true;
            setFormOpen(false);
          }}
          onLogged={(result) => {
            setFormKey((k) => k + 1);
            setLogged({ undone: false });
            void reload();
            onChanged?.(result.customer);
          }}
        />
      ) : (
        <button type="button" className="primary" ref={logButtonRef} onClick={() => setFormOpen(true)}>
          {t(MESSAGES.logFollowUp)}
        </button>
      )}

      <section aria-label={t(MESSAGES.grades)}>
        <h3>{t(MESSAGES.grades)}</h3>
        {entries.length === 0 && <p>{t(MESSAGES.notGraded)}</p>}
        <dl className="grades">
          {entries.map((e) => (
            <div key={e.standard} data-standard={e.standard}>
              <dt>{t(standardById(e.standard).name)}</dt>
              <dd>
                <b className={`grade grade-${e.grade}`}>{t(e.label)}</b>
                {e.detail && <span> · {e.detail}</span>}
                <p className="reason">{t(e.reason)}</p>
              </dd>
            </div>
          ))}
        </dl>
        {flags.length > 0 && (
          <p className="flags">
            {t(MESSAGES.flags)}: {[...new Set(flags)].map((f) => t(FLAG_LABELS[f])).join('; ')}
          </p>
        )}
      </section>

      <section aria-label={t(MESSAGES.followUps)}>
        <h3>{t(MESSAGES.followUps)}</h3>
        {followUps.length === 0 && <p>{t(MESSAGES.noFollowUps)}</p>}
        <ol className="timeline">
          {followUps.map((f) => (
            <li key={f.id}>
              <time>{f.at.replace('T', ' ')}</time> <b>{t(CHANNEL_LABELS[f.channel])}</b> · {f.outcome}
              {f.consultant && <span className="who"> · {f.consultant}</span>}
              {f.newGrade && <span className="change"> · {t(MESSAGES.gradeSet, { grade: f.newGrade })}</span>}
              {f.newStage && (
                <span className="change">
                  {' '}
                  · {t(MESSAGES.stageSet, { stage: displayValue(f.newStage, locale) })}
                  {f.defeatReason ? ` (${f.defeatReason})` : ''}
                </span>
              )}
              {f.nextContactAt && <span> · {t(MESSAGES.nextContactAt, { date: f.nextContactAt })}</span>}
              {f.note && <p className="note">{f.note}</p>}
            </li>
          ))}
        </ol>
      </section>

      <section aria-label={t(MESSAGES.notes)}>
        <h3>{t(MESSAGES.notes)}</h3>
        <p className="notes">{customer.notes ?? t(MESSAGES.noNotes)}</p>
      </section>

      <section aria-label={t(MESSAGES.fields)}>
        <h3>{t(MESSAGES.fields)}</h3>
        <table className="fields">
          <thead>
            <tr>
              <th>{t(MESSAGES.field)}</th>
              <th>{t(MESSAGES.value)}</th>
              <th>{t(MESSAGES.source)}</th>
              <th>{t(MESSAGES.changed)}</th>
            </tr>
          </thead>
          <tbody>
            {FIELD_NAMES.filter((f) => customer[f] !== undefined).map((f) => {
              const change = lastChange.get(f);
              return (
                <tr key={f}>
                  <th scope="row">{t(FIELDS[f])}</th>
                  <td>{displayValue(customer[f], locale)}</td>
                  <td>
                    {customer.userEdited.includes(f)
                      ? t(MESSAGES.byUser)
                      : t(MESSAGES.capturedFrom, { page: customer.provenance.pageUrl })}
                  </td>
                  <td>
                    {change
                      ? `${when(change.at)} · ${byLabel(change.by)}`
                      : `${when(customer.createdAt)} · ${t(MESSAGES.created)}`}
                  </td>
                </tr>
              );
            })}
            {Object.entries(customer.extra).map(([header, value]) => (
              <tr key={`extra.${header}`}>
                <th scope="row">{header}</th>
                <td>{value}</td>
                <td>{t(MESSAGES.capturedFrom, { page: customer.provenance.pageUrl })}</td>
                <td>{when(lastChange.get(`extra.${header}`)?.at ?? customer.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-label={t(MESSAGES.history)}>
        <h3>{t(MESSAGES.history)}</h3>
        <ol className="history">
          {history.map((h, i) => (
            <li key={`${h.at}-${h.field}-${i}`}>
              <time>{when(h.at)}</time> · {byLabel(h.by)} · <b>{t(fieldLabel(h.field))}</b>
              {h.field !== HISTORY_CREATED && h.field !== HISTORY_FOLLOW_UP && (
                <span>
                  : {shown(h.from, locale) || '—'} → {shown(h.to, locale) || '—'}
                </span>
              )}
            </li>
          ))}
        </ol>
      </section>
      <ForgetCustomer
        db={db}
        customer={customer}
        now={now}
        onForgotten={() => {
          onChanged?.(customer);
          onClose();
        }}
      />
    </aside>
  );
}
