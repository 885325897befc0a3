/** @vitest-environment happy-dom */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CapturePanel } from '../../components/capture-panel/CapturePanel';
import type { TableCandidate } from '../../lib/scrape';
import { unpackTable, type WireTable } from '../../lib/capture/wire';
import { serve } from '../../lib/extension/messages';
import type { Handlers } from '../../lib/extension/messages';
import { keepShadowRoots, shadowOf, userClick } from './shadow';

keepShadowRoots();

function candidate(doc: Document, id: string, rows: number): TableCandidate {
  const element = doc.createElement('table');
  doc.body.append(element);
  return {
    id,
    kind: 'table',
    headers: ['客户姓名', '手机号码'],
    rows: Array.from({ length: rows }, (_, i) => [`客户${i}`, `1381234${String(i).padStart(4, '0')}`]),
    rowLinks: Array.from({ length: rows }, () => null),
    element,
    score: 1,
    frame: null,
  };
}

function shadow(doc: Document): ShadowRoot {
  return shadowOf(doc, 'dealerlens-capture');
}

function click(root: ShadowRoot, label: string): void {
  const button = Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.includes(label));
  if (!button) throw new Error(`no button ${label}`);
  userClick(button);
}

const staged: unknown[] = [];
beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '';
  staged.length = 0;
  serve({
    'capture:run': async (table: unknown) => {
      staged.push(table);
      return {
        id: 's1',
        profileMatched: true,
        batch: {
          id: 'b1',
          at: '',
          source: 'page',
          pageUrl: '',
          counts: { new: 3, updated: 0, unchanged: 0, rejected: 0 },
          rejected: [],
          undone: false,
        },
      };
    },
  } as unknown as Handlers);
});

const deps = (tables: () => TableCandidate[], isCustomerList = (_: TableCandidate) => true) => ({
  findTables: tables,
  isCustomerList,
  extensionUrl: (p: string) => `chrome-extension://abc${p}`,
});

describe('the in-page capture panel', () => {
  it('says clearly in Chinese and English when the page has no customer table', async () => {
    const panel = new CapturePanel(
      document,
      deps(() => []),
    );
    await panel.open();
    const text = shadow(document).querySelector('.note')!.textContent!;
    expect(text).toContain('本页没有找到客户表格');
    expect(text).toContain('No customer table');
  });

  it('says there is no customer table when only a KPI summary is found, and still lets the user look at it', async () => {
    const kpi = candidate(document, 'c0', 2);
    const panel = new CapturePanel(
      document,
      deps(
        () => [kpi],
        () => false,
      ),
    );
    await panel.open();
    const root = shadow(document);
    expect(root.querySelector('.note')!.textContent).toContain('本页没有找到客户表格');
    expect((kpi.element as HTMLElement).style.outline).toBe('');
    click(root, '仍要查看');
    expect(root.querySelector('.summary')!.textContent).toContain('表格 1/1');
    expect(root.textContent).toContain('看起来不是客户列表');
  });

  it('skips tables that are not customer lists and starts on the first one that is', async () => {
    const tables = [candidate(document, 'c0', 2), candidate(document, 'c1', 20)];
    const panel = new CapturePanel(
      document,
      deps(
        () => tables,
        (t) => t.id === 'c1',
      ),
    );
    await panel.open();
    expect(shadow(document).querySelector('.summary')!.textContent).toContain('表格 2/2：20 行');
  });

  it('outlines the chosen table, switches to another candidate, and restores the page on close', async () => {
    const tables = [candidate(document, 'c0', 20), candidate(document, 'c1', 3)];
    const panel = new CapturePanel(
      document,
      deps(() => tables),
    );
    await panel.open();
    const root = shadow(document);
    expect(root.querySelector('.summary')!.textContent).toContain('表格 1/2：20 行 × 2 列');
    expect((tables[0]!.element as HTMLElement).style.outline).toContain('solid');
    click(root, '换一个表格');
    expect(root.querySelector('.summary')!.textContent).toContain('表格 2/2：3 行');
    expect((tables[0]!.element as HTMLElement).style.outline).toBe('');
    expect((tables[1]!.element as HTMLElement).style.outline).toContain('solid');
    panel.close();
    expect((tables[1]!.element as HTMLElement).style.outline).toBe('');
  });

  it('captures directly with a saved site profile and shows the batch counts', async () => {
    const tables = [candidate(document, 'c0', 3)];
    const panel = new CapturePanel(
      document,
      deps(() => tables),
    );
    await panel.open();
    click(shadow(document), '抓取 Capture');
    await expect.poll(() => shadow(document).querySelector('.result')?.textContent).toContain('新增 3');
    expect(staged).toHaveLength(1);
    expect(staged[0]).toMatchObject({ headers: ['客户姓名', '手机号码'], frame: null });
    // The rows travel packed and arrive as scraped.
    expect(unpackTable(staged[0] as WireTable)).toMatchObject({ rows: tables[0]!.rows, rowLinks: tables[0]!.rowLinks });
  });

  it('keeps its root closed to the page, and a scripted click on a control does nothing', async () => {
    const tables = [candidate(document, 'c0', 3), candidate(document, 'c1', 2)];
    const panel = new CapturePanel(
      document,
      deps(() => tables),
    );
    expect(document.querySelector('dealerlens-capture')!.shadowRoot).toBeNull();
    const root = shadow(document);
    const fab = root.querySelector('.fab') as HTMLElement;
    fab.click();
    fab.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect((root.querySelector('.panel') as HTMLElement).hidden).toBe(true);
    await panel.open();
    const button = (label: string) =>
      Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.includes(label))!;
    button('换一个表格').click();
    button('抓取 Capture').click();
    button('抓取 Capture').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    expect(root.querySelector('.summary')!.textContent).toContain('表格 1/2');
    expect(staged).toHaveLength(0);
    userClick(button('抓取 Capture'));
    await expect.poll(() => root.querySelector('.result')?.textContent).toContain('新增 3');
    expect(staged).toHaveLength(1);
  });
});
