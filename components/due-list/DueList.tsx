// The side panel (docs/workbench.md#reminders): the consultant's own due list while the portal
// stays open beside it. "I am 王芳" is the same setting the workbench's 我的客户
// view reads (lib/db/me.ts). Clicking a customer highlights their row
// on the portal page when it is there, and opens the drawer here.
import { useEffect, useRef, useState } from 'react';
import {
  countDue,
  dueCustomers,
  loadMe,
  saveMe as saveSharedMe,
  type DealerLensDB,
  type DueCounts,
  type StoredCustomer,
  watchQuery,
} from '@/lib/db';
import { askTabToHighlight, activeTab } from '@/lib/extension';
import { localDateOf } from '@/lib/calendar';
import { maskPhone } from '@/lib/views';
import { BulkActions } from '@/components/bulk-actions/BulkActions';
import { CustomerDrawer } from '@/components/customer-drawer/CustomerDrawer';
import { LocaleSwitch, useLocale } from '@/components/i18n/LocaleContext';
import { MESSAGES } from './messages';

export function DueList({ db, now }: { db: DealerLensDB; now: () => Date }) {
  const { t } = useLocale();
  const [me, setMe] = useState<string | null | undefined>(undefined);
  const [draftMe, setDraftMe] = useState('');
  const [editingMe, setEditingMe] = useState(false);
  const [due, setDue] = useState<StoredCustomer[]>([]);
  const [counts, setCounts] = useState<DueCounts | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Several customers at once (e.g. handed to a colleague before leave): the bulk toolbar.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkUsed, setBulkUsed] = useState(false); // keeps the toolbar (and its undo) after an action
  const toggle = (id: string) =>
    setSelected((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  useEffect(() => {
    void loadMe(db).then((name) => setMe(name ?? null));
  }, [db]);

  // Live: a capture in the background or a follow-up in another page updates the list.
  useEffect(() => {
    if (me === undefined) return;
    const today = localDateOf(now());
    return watchQuery(
      async () => {
        const list = await dueCustomers(db, today, me ?? undefined);
        return {
          list,
          counts: me
            ? {
                due: list.filter((c) => c.grades?.nextDueAt === today).length,
                overdue: list.filter((c) => c.grades!.nextDueAt! < today).length,
              }
            : await countDue(db, today),
        };
      },
      ({ list, counts }) => {
        setDue(list);
        setCounts(counts);
      },
      (error: unknown) => console.error('DealerLens: due list failed', error),
    );
  }, [db, me, now]);

  const saveMe = async () => {
    const name = draftMe.trim();
    if (!name) return;
    await saveSharedMe(db, name);
    setMe(name);
    setEditingMe(false);
  };

  // Back from the drawer (Esc or 返回列表): the focus returns to the customer's line, or,
  // when the follow-up took them off the due list, to the list's title.
  const lastOpened = useRef<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (openId !== null || !lastOpened.current) return;
    const line = document.querySelector<HTMLElement>(`[data-customer-id="${CSS.escape(lastOpened.current)}"]`);
    (line ?? titleRef.current)?.focus();
  }, [openId]);

  const pick = async (customer: StoredCustomer) => {
    lastOpened.current = customer.id;
    setOpenId(customer.id);
    const tab = await activeTab();
    if (tab?.id === undefined) return;
    const who = { ...(customer.phone && { phone: customer.phone }), ...(customer.name && { name: customer.name }) };
    const { found } = await askTabToHighlight(tab.id, who);
    setNotice(t(found ? MESSAGES.found : MESSAGES.notFound, { name: customer.name ?? customer.phone ?? '' }));
  };

  if (openId) {
    return (
      <main className="sidepanel">
        <button type="button" className="back" onClick={() => setOpenId(null)}>
          ← {t(MESSAGES.back)}
        </button>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <CustomerDrawer
          db={db}
          customerId={openId}
          now={now}
          consultant={me ?? undefined}
          onClose={() => setOpenId(null)}
        />
      </main>
    );
  }

  const today = localDateOf(now());
  return (
    <main className="sidepanel">
      <header>
        <h1 tabIndex={-1} ref={titleRef}>
          {t(MESSAGES.title)}
        </h1>
        <LocaleSwitch />
      </header>
      {me === undefined ? null : me && !editingMe ? (
        <p className="me">
          {t(MESSAGES.iAm)} <b data-testid="me">{me}</b>{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setDraftMe(me);
              setEditingMe(true);
            }}
          >
            {t(MESSAGES.changeMe)}
          </button>
        </p>
      ) : (
        <form
          className="me"
          onSubmit={(e) => {
            e.preventDefault();
            void saveMe();
          }}
        >
          {!me && <p className="hint">{t(MESSAGES.meMissing)}</p>}
          <label>
            {t(MESSAGES.iAm)}{' '}
            <input
              value={draftMe}
              onChange={(e) => setDraftMe(e.target.value)}
              placeholder={t(MESSAGES.iAmPlaceholder)}
            />
          </label>
          <button type="submit">{t(MESSAGES.setMe)}</button>
        </form>
      )}
      {counts && (
        <p className="counts" data-testid="due-counts">
          {t(MESSAGES.counts, { due: counts.due, overdue: counts.overdue })}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {(selected.size > 0 || bulkUsed) && (
        <BulkActions
          db={db}
          ids={[...selected]}
          now={now}
          onDone={() => {
            setSelected(new Set());
            setBulkUsed(true);
          }}
        />
      )}
      {due.length === 0 ? (
        <p>{t(MESSAGES.none)}</p>
      ) : (
        <ul className="due-list">
          {due.map((c) => {
            const late = c.grades?.nextDueAt && c.grades.nextDueAt < today;
            return (
              <li key={c.id} className={late ? 'overdue' : 'due'}>
                <input
                  type="checkbox"
                  checked={selected.has(c.id)}
                  onChange={() => toggle(c.id)}
                  aria-label={t(MESSAGES.select, { name: c.name ?? c.phone ?? '' })}
                />
                <button type="button" onClick={() => void pick(c)} data-customer-id={c.id}>
                  <b>{c.name ?? '—'}</b> <span className="phone">{c.phone ? maskPhone(c.phone) : ''}</span>
                  <span className="grade">{c.grades?.intent ?? ''}</span>
                  <span className="when">
                    {late ? t(MESSAGES.overdue, { n: c.grades?.overdueDays ?? 0 }) : t(MESSAGES.dueToday)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
