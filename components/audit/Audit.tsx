// The manager's audit (检核, docs/grading.md#a-the-follow-up-audit: "audits,
// consultant by consultant, whether every due follow-up was made"): per
// consultant and period, follow-ups due vs done on time vs late vs missed
// (and still open), by grade. Every number is a button: it lists the customers
// behind it here, and only that (a name in the list opens that customer).
import { Fragment, useCallback, useEffect, useState } from 'react';
import { activeRuleSet, auditStore, presentCustomers, type DealerLensDB, type StoredCustomer } from '@/lib/db';
import { AUDIT_OUTCOMES, DELIVERY_CALLS, deliveryCallOfKey, type AuditCell, type AuditReport } from '@/lib/followup';
import { maskPhone } from '@/lib/views';
import { useLocale } from '@/components/i18n/LocaleContext';
import { MESSAGES } from './messages';
import { PERIOD_KINDS, periodOf, type PeriodKind } from './period';

export interface AuditProps {
  db: DealerLensDB;
  now: () => Date;
  /** A number was clicked: the customers behind it. */
  onShowCustomers?(ids: string[]): void;
  /** A customer's name in the list was clicked: open that customer. */
  onOpenCustomer?(id: string): void;
  /** The period shown first (default: this week). */
  initialPeriod?: PeriodKind;
}

const COLUMNS = ['due', ...AUDIT_OUTCOMES] as const;
type Column = (typeof COLUMNS)[number];

interface Shown {
  consultant: string;
  grade: string | null;
  column: Column;
  customers: StoredCustomer[];
}

export function Audit({ db, now, onShowCustomers, onOpenCustomer, initialPeriod = 'thisWeek' }: AuditProps) {
  const { t } = useLocale();
  const [period, setPeriod] = useState(() => periodOf(initialPeriod, now()));
  const [report, setReport] = useState<AuditReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [shown, setShown] = useState<Shown | null>(null);

  const run = useCallback(
    async (from: string, to: string) => {
      setBusy(true);
      setError(null);
      try {
        setReport(await auditStore(db, await activeRuleSet(db), from, to, now()));
        setShown(null);
      } catch (e) {
        setError(t(MESSAGES.failed, { error: e instanceof Error ? e.message : String(e) }));
      } finally {
        setBusy(false);
      }
    },
    [db, now, t],
  );
  useEffect(() => {
    void run(period.from, period.to);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- the first period once; later runs are asked for

  const show = async (consultant: string, grade: string | null, column: Column, cell: AuditCell) => {
    const ids = cell.customers[column];
    onShowCustomers?.(ids);
    const customers = await presentCustomers(db, ids);
    setShown({ consultant, grade, column, customers });
  };

  const who = (consultant: string) => consultant || t(MESSAGES.unassigned);
  const numbers = (consultant: string, grade: string | null, cell: AuditCell) =>
    COLUMNS.map((column) => (
      <td key={column} className={`n ${column}`}>
        {cell[column] === 0 ? (
          <span className="zero">0</span>
        ) : (
          <button
            type="button"
            onClick={() => void show(consultant, grade, column, cell)}
            aria-label={`${who(consultant)} ${grade ?? ''} ${t(MESSAGES[column])} ${cell[column]}`}
          >
            {cell[column]}
          </button>
        )}
      </td>
    ));
  const rate = (cell: AuditCell) => {
    const closed = cell.onTime + cell.late + cell.missed;
    return <td className="n rate">{closed === 0 ? '—' : `${Math.round((cell.onTime / closed) * 100)}%`}</td>;
  };

  // Lead grades first (by name), then the delivery calls in the order they fall due.
  const rank = (grade: string): number => {
    const call = deliveryCallOfKey(grade);
    return call ? 1 + DELIVERY_CALLS.indexOf(call) : 0;
  };
  const gradeName = (grade: string): string => {
    const call = deliveryCallOfKey(grade);
    return call ? t(MESSAGES[`call_${call}`]) : grade;
  };
  const consultants = report ? Object.keys(report.byConsultant).sort((a, b) => a.localeCompare(b, 'zh-CN')) : [];
  return (
    <section className="audit" aria-label={t(MESSAGES.title)}>
      <h2>{t(MESSAGES.title)}</h2>
      <p className="intro">{t(MESSAGES.intro)}</p>
      <form
        className="period"
        onSubmit={(e) => {
          e.preventDefault();
          void run(period.from, period.to);
        }}
      >
        <span role="group" aria-label={t(MESSAGES.period)}>
          {PERIOD_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              onClick={() => {
                const next = periodOf(kind, now());
                setPeriod(next);
                void run(next.from, next.to);
              }}
            >
              {t(MESSAGES[kind])}
            </button>
          ))}
        </span>
        <label>
          {t(MESSAGES.from)}{' '}
          <input
            type="date"
            value={period.from}
            onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))}
            required
          />
        </label>
        <label>
          {t(MESSAGES.to)}{' '}
          <input
            type="date"
            value={period.to}
            onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))}
            required
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t(busy ? MESSAGES.running : MESSAGES.run)}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && report.total.due === 0 && <p>{t(MESSAGES.none)}</p>}
      {report && report.total.due > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">{t(MESSAGES.consultant)}</th>
              <th scope="col">{t(MESSAGES.grade)}</th>
              {COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {t(MESSAGES[c])}
                </th>
              ))}
              <th scope="col">{t(MESSAGES.rate)}</th>
            </tr>
          </thead>
          <tbody>
            {consultants.map((consultant) => {
              const row = report.byConsultant[consultant]!;
              const open = expanded.has(consultant);
              return (
                <Fragment key={consultant}>
                  <tr className="consultant">
                    <th scope="row">
                      <button
                        type="button"
                        className="expand"
                        aria-expanded={open}
                        aria-label={t(MESSAGES.showGrades, { consultant: who(consultant) })}
                        onClick={() =>
                          setExpanded((before) => {
                            const next = new Set(before);
                            if (!next.delete(consultant)) next.add(consultant);
                            return next;
                          })
                        }
                      >
                        {open ? '▾' : '▸'}
                      </button>{' '}
                      {who(consultant)}
                    </th>
                    <td>{t(MESSAGES.allGrades)}</td>
                    {numbers(consultant, null, row.total)}
                    {rate(row.total)}
                  </tr>
                  {row.deliveryCalls && (
                    <tr className="delivery-calls">
                      <td />
                      <td>{t(MESSAGES.deliveryCalls)}</td>
                      {numbers(consultant, t(MESSAGES.deliveryCalls), row.deliveryCalls)}
                      {rate(row.deliveryCalls)}
                    </tr>
                  )}
                  {open &&
                    Object.entries(row.byGrade)
                      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
                      .map(([grade, cell]) => (
                        <tr key={grade} className="grade">
                          <td />
                          <td>{gradeName(grade)}</td>
                          {numbers(consultant, gradeName(grade), cell)}
                          {rate(cell)}
                        </tr>
                      ))}
                </Fragment>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t(MESSAGES.total)}</th>
              <td />
              {COLUMNS.map((c) => (
                <td key={c} className="n">
                  {report.total[c]}
                </td>
              ))}
              {rate(report.total)}
            </tr>
          </tfoot>
        </table>
      )}
      {shown && (
        <div
          className="audit-list"
          role="region"
          aria-label={t(MESSAGES.listTitle, {
            consultant: who(shown.consultant),
            grade: shown.grade ?? t(MESSAGES.allGrades),
            what: t(MESSAGES[shown.column]),
            n: shown.customers.length,
          })}
        >
          <h3>
            {t(MESSAGES.listTitle, {
              consultant: who(shown.consultant),
              grade: shown.grade ?? t(MESSAGES.allGrades),
              what: t(MESSAGES[shown.column]),
              n: shown.customers.length,
            })}
          </h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(MESSAGES.name)}</th>
                <th scope="col">{t(MESSAGES.phone)}</th>
                <th scope="col">{t(MESSAGES.grade)}</th>
                <th scope="col">{t(MESSAGES.nextDue)}</th>
              </tr>
            </thead>
            <tbody>
              {shown.customers.map((c) => (
                <tr key={c.id}>
                  <td>
                    {onOpenCustomer ? (
                      <button type="button" className="link" onClick={() => onOpenCustomer(c.id)}>
                        {c.name ?? '—'}
                      </button>
                    ) : (
                      (c.name ?? '—')
                    )}
                  </td>
                  <td>{c.phone ? maskPhone(c.phone) : ''}</td>
                  <td>{c.grades?.intent ?? ''}</td>
                  <td>{c.grades?.nextDueAt ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
