// Toolbar popup: today's counts, "capture this page", "always enable on this
// portal", and the last capture's result with its undo (issue #2).
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { send } from '@/lib/extension/messages';
import type { Status } from '@/lib/extension/messages';
import { activeTab, closePopup, requestPortalPermission } from '@/lib/extension/portal';

export function Popup() {
  const [status, setStatus] = useState<Status | null>(null);
  const [tab, setTab] = useState<{ id?: number; url?: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  const refresh = useCallback(async (url?: string) => {
    setStatus(await send('status:get', { origin: url }));
  }, []);

  useEffect(() => {
    void activeTab().then((t) => {
      setTab(t ?? null);
      void refresh(t?.url);
    });
  }, [refresh]);

  const capture = async () => {
    if (tab?.id === undefined) return;
    const result = await send('capture:start', { tabId: tab.id });
    if (result.ok) closePopup();
    else setMessage({ kind: 'error', text: result.reason });
  };

  const enable = async () => {
    if (!tab?.url) return;
    const granted = await requestPortalPermission(tab.url);
    if (granted) await send('portal:enable', { origin: tab.url });
    setMessage(granted
      ? { kind: 'info', text: '已启用：在此系统的页面上会显示 DealerLens 按钮。/ Enabled: the DealerLens button shows on this portal.' }
      : { kind: 'error', text: '未授权，仍可每次手动抓取。/ Not granted: you can still capture by hand each time.' });
    await refresh(tab.url);
  };

  const undo = async () => {
    if (!status?.lastBatch) return;
    const result = await send('capture:undo', { batchId: status.lastBatch.id });
    setMessage(result.ok
      ? { kind: 'info', text: `已撤销：恢复 ${result.restored}，移除 ${result.removed}。/ Undone.` }
      : { kind: 'error', text: result.reason });
    await refresh(tab?.url);
  };

  // The workbench is an extension page (issue #4): a tab of its own, the popup closes behind it.
  const openWorkbench = async () => {
    await browser.tabs.create({ url: browser.runtime.getURL('/workbench.html') });
    closePopup();
  };

  const last = status?.lastBatch;
  return (
    <main className="popup">
      <h1>DealerLens <small>经销商客户分级助手</small></h1>
      <section className="counts" aria-label="统计 / Counts">
        <div><b data-testid="customers">{status?.customers ?? '…'}</b><span>客户 Customers</span></div>
        <div><b data-testid="captured-today">{status?.capturedToday ?? '…'}</b><span>今日抓取 Captured today</span></div>
      </section>
      <button className="primary" onClick={() => void capture()} disabled={tab?.id === undefined}>
        抓取本页客户 <span>Capture this page</span>
      </button>
      <p className="hint">快捷键 Shortcut: Alt+Shift+D</p>
      <button onClick={() => void openWorkbench()}>
        打开工作台 <span>Open workbench</span>
      </button>
      {status?.portalEnabled === false && (
        <button onClick={() => void enable()}>在此系统上始终启用 <span>Always enable on this portal</span></button>
      )}
      {status?.portalEnabled && <p className="hint">已在此系统上启用 / Enabled on this portal</p>}
      {last && (
        <section className="last" aria-label="上次抓取 / Last capture">
          <h2>上次抓取 Last capture {last.undone ? '（已撤销 undone）' : ''}</h2>
          <p>新增 {last.counts.new} · 更新 {last.counts.updated} · 未变 {last.counts.unchanged} · 拒绝 {last.counts.rejected}</p>
          <p className="hint">{new Date(last.at).toLocaleString('zh-CN')} · {last.pageUrl}</p>
          {!last.undone && <button onClick={() => void undo()}>撤销 Undo</button>}
        </section>
      )}
      {message && <p className={`note ${message.kind}`} role="status">{message.text}</p>}
    </main>
  );
}
