// Toolbar popup: today's counts (due, overdue, captured today), "capture this
// page", "open workbench", "always enable on this portal", and the last
// capture's result with its undo (docs/architecture.md#the-extension-parts).
import { useCallback, useEffect, useState } from 'react';
import {
  send,
  type Status,
  openDueListPanel,
  openWorkbench,
  activeTab,
  closePopup,
  requestPortalPermission,
  isOverlayOff,
  setOverlayOff,
  isFollowOn,
  setFollowOn,
} from '@/lib/extension';
import { useLocale } from '@/components/i18n/LocaleContext';
import { MESSAGES } from './messages';

export function Popup() {
  const { t, tt } = useLocale();
  const [status, setStatus] = useState<Status | null>(null);
  const [due, setDue] = useState<{ due: number; overdue: number } | null>(null);
  const [tab, setTab] = useState<{ id?: number; url?: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  // The badges on the portal's own rows, per site (components/portal-overlay).
  const [overlayOff, setOff] = useState<boolean | null>(null);
  // Following the portal, per site, off by default (docs/capture.md#following-the-portal).
  const [followOn, setFollow] = useState<boolean | null>(null);

  const refresh = useCallback(async (url?: string) => {
    const [s, d] = await Promise.all([send('status:get', { origin: url }), send('reminders:counts', {})]);
    setStatus(s);
    setDue(d);
  }, []);

  useEffect(() => {
    void activeTab().then((t) => {
      setTab(t ?? null);
      void refresh(t?.url);
      if (t?.url) void isOverlayOff(t.url).then(setOff);
      if (t?.url) void isFollowOn(t.url).then(setFollow);
    });
  }, [refresh]);

  const capture = async () => {
    if (tab?.id === undefined) return;
    const result = await send('capture:start', { tabId: tab.id });
    if (result.ok) closePopup();
    else setMessage({ kind: 'error', text: result.reason });
  };

  const open = async (view?: string) => {
    await openWorkbench(view);
    closePopup();
  };

  const enable = async () => {
    if (!tab?.url) return;
    const granted = await requestPortalPermission(tab.url);
    if (granted) await send('portal:enable', { origin: tab.url });
    setMessage(
      granted ? { kind: 'info', text: tt(MESSAGES.enabled) } : { kind: 'error', text: tt(MESSAGES.notGranted) },
    );
    await refresh(tab.url);
  };

  const toggleOverlay = async () => {
    if (!tab?.url || overlayOff === null) return;
    await setOverlayOff(tab.url, !overlayOff);
    setOff(!overlayOff);
  };

  const toggleFollow = async () => {
    if (!tab?.url || followOn === null) return;
    await setFollowOn(tab.url, !followOn);
    setFollow(!followOn);
  };

  const undo = async () => {
    if (!status?.lastBatch) return;
    const result = await send('capture:undo', { batchId: status.lastBatch.id });
    setMessage(
      result.ok
        ? { kind: 'info', text: t(MESSAGES.undoneResult, { restored: result.restored, removed: result.removed }) }
        : { kind: 'error', text: result.reason },
    );
    await send('reminders:refresh', {}).catch(() => undefined);
    await refresh(tab?.url);
  };

  const last = status?.lastBatch;
  return (
    <main className="popup">
      <h1>
        DealerLens <small>{t(MESSAGES.subtitle)}</small>
      </h1>
      <section className="counts" aria-label={`${MESSAGES.counts.zh} / ${MESSAGES.counts.en}`}>
        <div>
          <b data-testid="due-today">{due?.due ?? '…'}</b>
          <span>{tt(MESSAGES.dueToday)}</span>
        </div>
        <div>
          <b data-testid="overdue">{due?.overdue ?? '…'}</b>
          <span>{tt(MESSAGES.overdue)}</span>
        </div>
        <div>
          <b data-testid="captured-today">{status?.capturedToday ?? '…'}</b>
          <span>{tt(MESSAGES.capturedToday)}</span>
        </div>
        <div>
          <b data-testid="customers">{status?.customers ?? '…'}</b>
          <span>{tt(MESSAGES.customers)}</span>
        </div>
      </section>
      <button className="primary" onClick={() => void capture()} disabled={tab?.id === undefined}>
        {tt(MESSAGES.capture)}
      </button>
      <p className="hint">{t(MESSAGES.shortcut)}</p>
      <button onClick={() => void open('today')}>{tt(MESSAGES.openToday)}</button>
      <button onClick={() => void open()}>{tt(MESSAGES.openWorkbench)}</button>
      <button onClick={() => void openDueListPanel().then((opened) => opened && closePopup())}>
        {tt(MESSAGES.openSidePanel)}
      </button>
      {status?.portalEnabled === false && <button onClick={() => void enable()}>{tt(MESSAGES.alwaysEnable)}</button>}
      {status?.portalEnabled && <p className="hint">{tt(MESSAGES.enabledHere)}</p>}
      {status?.portalEnabled && overlayOff !== null && (
        <button data-overlay-toggle onClick={() => void toggleOverlay()}>
          {tt(overlayOff ? MESSAGES.overlayOn : MESSAGES.overlayOff)}
        </button>
      )}
      {status?.portalEnabled && followOn !== null && (
        <label className="switch" title={tt(MESSAGES.followHint)}>
          <input
            type="checkbox"
            role="switch"
            data-follow-toggle
            checked={followOn}
            onChange={() => void toggleFollow()}
          />
          {tt(MESSAGES.follow)}
        </label>
      )}
      {last && (
        <section className="last" aria-label={`${MESSAGES.lastCapture.zh} / ${MESSAGES.lastCapture.en}`}>
          <h2>
            {tt(MESSAGES.lastCapture)}
            {last.undone ? t(MESSAGES.undoneMark) : ''}
          </h2>
          <p>
            {t(MESSAGES.lastCounts, {
              new: last.counts.new,
              updated: last.counts.updated,
              unchanged: last.counts.unchanged,
              rejected: last.counts.rejected,
            })}
          </p>
          <p className="hint">
            {new Date(last.at).toLocaleString('zh-CN')} · {last.pageUrl}
          </p>
          {!last.undone && <button onClick={() => void undo()}>{tt(MESSAGES.undo)}</button>}
        </section>
      )}
      {message && (
        <p className={`note ${message.kind}`} role="status">
          {message.text}
        </p>
      )}
    </main>
  );
}
