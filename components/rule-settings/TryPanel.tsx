// 试算 / Try (docs/grading.md#g02-validation-and-what-a-rule-change-shows-first: "every grade ... can be opened to read its reason"):
// a manager picks one stored customer and reads each standard's grade and its
// reason by the rule set being edited, before saving it.
import { useEffect, useMemo, useState } from 'react';
import { findCustomersToTry, loadGradingContext } from '@/lib/db';
import type { DealerLensDB, StoredCustomer } from '@/lib/db';
import { gradeCustomer, standardById, type GradingContext, type RuleSet } from '@/lib/grading';
import { Bilingual } from './ParamsEditor';
import { MESSAGES, format } from './messages';

export function TryPanel({ db, now, ruleSet }: { db: DealerLensDB; now: () => Date; ruleSet: RuleSet | null }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<StoredCustomer[]>([]);
  const [picked, setPicked] = useState<StoredCustomer | null>(null);
  const [context, setContext] = useState<GradingContext>({});

  useEffect(() => {
    void loadGradingContext(db).then(setContext);
  }, [db]);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => void findCustomersToTry(db, query, 10).then((list) => current && setFound(list)),
      200,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [db, query]);

  // The run API's grading of the picked customer by the rule set being edited (not the stored one).
  const entries = useMemo(() => {
    if (!picked || !ruleSet) return null;
    return gradeCustomer(picked, ruleSet, now(), context).entries;
  }, [picked, ruleSet, now, context]);

  return (
    <section className="try-panel" aria-label="try">
      <h2>
        <Bilingual text={MESSAGES.tryTitle} />
      </h2>
      <p className="hint">
        <Bilingual text={MESSAGES.tryHint} />
      </p>
      <input
        type="search"
        data-path="try:search"
        placeholder={`${MESSAGES.trySearch.zh} / ${MESSAGES.trySearch.en}`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul className="try-results">
        {found.length === 0 && (
          <li className="hint">
            <Bilingual text={MESSAGES.tryNone} />
          </li>
        )}
        {found.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={`link${picked?.id === c.id ? ' selected' : ''}`}
              onClick={() => setPicked(c)}
            >
              {c.name ?? '—'} {c.phone ?? c.vin ?? c.portalId ?? ''}
            </button>
          </li>
        ))}
      </ul>
      {picked && !ruleSet && (
        <p className="note error">
          <Bilingual text={MESSAGES.tryInvalid} />
        </p>
      )}
      {picked && entries && (
        <dl className="try-grades">
          {entries.map((e) => (
            <div key={e.standard} data-standard={e.standard}>
              <dt>
                {standardById(e.standard).name.zh}
                <span className="en"> {standardById(e.standard).name.en}</span>
              </dt>
              <dd>
                <b className="grade">{e.label.zh}</b> <span className="en">{e.label.en}</span>
                {e.nextDueAt && (
                  <span className={`due ${e.due}`}>
                    {' '}
                    · {MESSAGES.nextDue.zh} {e.nextDueAt} ({MESSAGES.due[e.due!].zh}
                    {e.overdueDays ? `, ${format(MESSAGES.overdueDays, { n: e.overdueDays }).zh}` : ''})
                  </span>
                )}
                <p className="reason">
                  {e.reason.zh}
                  <br />
                  <span className="en">{e.reason.en}</span>
                </p>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
