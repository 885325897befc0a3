/** @vitest-environment happy-dom */
// The workbench page as a user drives it: bulk actions reach only the rows
// the view shows, and the audit's numbers open their list, not a drawer.
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkbenchApp } from '../../components/workbench-app/WorkbenchApp';
import { LocaleProvider } from '../../components/i18n/LocaleContext';
import type { CustomerGridHandle } from '../../components/customer-grid/CustomerGrid';
import { DEFAULT_RULE_SET } from '../../lib/grading';
import { regradeCustomers, type DealerLensDB, type StoredCustomer } from '../../lib/db';
import { freshDatabase } from '../lib/db/helpers';
import * as make from '../factories';

// The page loads in steps of its own (first screen, then every row, a frame
// apart): it is driven as a browser would, without act(), waiting on what it shows.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
const until = <T,>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

/** Tuesday 10 March 2026. */
const NOW = new Date(2026, 2, 10, 9);
const now = () => NOW;

function lead(id: string, consultant: string, lastContactAt = '2026-03-05'): StoredCustomer {
  return make.lead(id, { consultant, lastContactAt });
}

let db: DealerLensDB;
let root: Root;
let container: HTMLElement;
let grid: CustomerGridHandle;

beforeEach(async () => {
  db = freshDatabase();
  // Six customers of 王芳 (one of them not handed over), two of 李强.
  const rows = [
    ...['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map((id) => lead(id, '王芳', '2026-02-25')),
    lead('l1', '李强'),
    lead('l2', '李强'),
  ];
  await db.customers.bulkPut(rows);
  await regradeCustomers(
    db,
    rows.map((r) => r.id),
    DEFAULT_RULE_SET,
    NOW,
  );
  container = document.createElement('div');
  container.style.cssText = 'width:1200px;height:800px;display:flex';
  document.body.append(container);
  root = createRoot(container);
  root.render(
    <LocaleProvider initial="zh">
      <WorkbenchApp db={db} now={now} pageUrl={(p) => p} onGridReady={(g) => (grid = g)} />
    </LocaleProvider>,
  );
  await until(() =>
    expect(container.querySelector('[data-testid="row-count"]')?.textContent).toBe('显示 8 / 共 8 位客户'),
  );
});

afterEach(() => {
  root.unmount();
  container.remove();
});

function button(text: RegExp): HTMLButtonElement {
  const found = Array.from(container.querySelectorAll('button')).find((b) => text.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}
/** React renders a click's or a keystroke's update in a microtask: all done by the next task. */
const settle = () => new Promise((done) => setTimeout(done, 0));
const click = async (element: HTMLElement) => {
  element.click();
  await settle();
};
const selected = () =>
  grid.api
    .getSelectedRows()
    .map((r) => r.id)
    .sort();
const toolbarCount = () => container.querySelector('.bulk-actions .count')?.textContent;
const headerCount = () => container.querySelector('[data-testid="row-count"]')?.textContent;
const byConsultant = (name: string) =>
  grid.api.setFilterModel({ consultant: { filterType: 'text', type: 'equals', filter: name } });
const select = (ids: string[]) =>
  grid.api.setNodesSelected({ nodes: ids.map((id) => grid.api.getRowNode(id)!), newValue: true });

async function type(input: HTMLInputElement, value: string): Promise<void> {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
}

// A whole page in a simulated DOM, on a shared machine: each step waits on what the page shows, the test as a whole may take a while.
describe('bulk actions never touch rows the user cannot see', { timeout: 30_000 }, () => {
  it('customers handed over under a 销售顾问 filter leave the grid and the selection; 删除 is disabled with nothing selected', async () => {
    byConsultant('王芳');
    await until(() => expect(grid.displayedCount()).toBe(6));
    select(['w1', 'w2', 'w3', 'w4', 'w5']);
    await until(() => expect(toolbarCount()).toBe('已选 5 位客户'));

    await click(button(/^转交顾问$/));
    await type(await until(() => container.querySelector<HTMLInputElement>('.bulk-form input')!), '赵敏');
    // Enabled once the rule set is read (a hand-over re-grades nothing, but every action may).
    await click(
      await until(() => {
        expect(button(/^确定$/).disabled).toBe(false);
        return button(/^确定$/);
      }),
    );
    await until(() => expect(grid.displayedCount()).toBe(1));
    expect((await db.customers.get('w1'))!.consultant).toBe('赵敏');

    await until(() => expect(toolbarCount()).toBe('已选 0 位客户'));
    expect(selected()).toEqual([]);
    expect(headerCount()).not.toContain('已选');
    expect(button(/^删除$/).disabled).toBe(true);
    expect(button(/^转交顾问$/).disabled).toBe(true);
    // The toolbar stays, with the undo of what was just done.
    expect(button(/撤销上次批量操作 \(转交顾问, 5 位\)/).disabled).toBe(false);
  });

  it('a filter, a search or another view that hides selected rows takes them out of the selection', async () => {
    select(['w1', 'w2', 'l1']);
    await until(() => expect(toolbarCount()).toBe('已选 3 位客户'));
    byConsultant('王芳');
    await until(() => expect(toolbarCount()).toBe('已选 2 位客户'));
    expect(selected()).toEqual(['w1', 'w2']);
    expect(headerCount()).toContain('已选 2');

    grid.api.setFilterModel(null);
    select(['l1', 'l2']);
    await until(() => expect(toolbarCount()).toBe('已选 4 位客户'));
    await type(container.querySelector<HTMLInputElement>('input[type="search"]')!, '客户l');
    await until(() => expect(toolbarCount()).toBe('已选 2 位客户'));
    expect(selected()).toEqual(['l1', 'l2']);

    // 已逾期: 王芳's leads, last called 25 February, are overdue; 李强's are not.
    await type(container.querySelector<HTMLInputElement>('input[type="search"]')!, '');
    await until(() => expect(grid.displayedCount()).toBe(8));
    select(['w3']);
    await click(button(/^已逾期$/));
    await until(() => expect(toolbarCount()).toBe('已选 1 位客户'));
    expect(selected()).toEqual(['w3']);
  });
});

describe('the audit inside the workbench', { timeout: 30_000 }, () => {
  it('a number opens the list of its customers, and no customer drawer; a name in the list opens that customer', async () => {
    await click(button(/^跟进检核$/));
    const audit = container.querySelector('.wb-app-audit')!;
    await click(Array.from(audit.querySelectorAll('button')).find((b) => b.textContent === '上周')!);
    const missed = await until(() => {
      const found = audit.querySelector<HTMLButtonElement>('button[aria-label="王芳  未跟进 6"]');
      expect(found).not.toBeNull();
      return found!;
    });
    await click(missed);
    await until(() =>
      expect(audit.querySelector('.audit-list h3')?.textContent).toBe('王芳 · 全部级别 · 未跟进: 6 位客户'),
    );
    expect(container.querySelector('.customer-drawer')).toBeNull();
    await click(
      Array.from(audit.querySelectorAll<HTMLButtonElement>('.audit-list button')).find(
        (b) => b.textContent === '客户w2',
      )!,
    );
    await until(() => expect(container.querySelector('.customer-drawer h2')?.textContent).toContain('客户w2'));
  });
});

describe('keyboard all the way', { timeout: 30_000 }, () => {
  const key = async (element: Element, init: KeyboardEventInit) => {
    element.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    await settle();
  };

  it('Enter on a row opens the drawer; Enter saves a follow-up and the focus stays in the drawer; Esc closes it and the focus is back on the row', async () => {
    const row = grid.api.getRowNode('w2')!;
    grid.api.setFocusedCell(row.rowIndex!, 'name');
    const cell = await until(() =>
      container.querySelector<HTMLElement>('.ag-row[row-id="w2"] .ag-cell[col-id="name"]')!,
    );
    expect(document.activeElement).toBe(cell);
    await key(cell, { key: 'Enter' });
    const drawer = await until(() => {
      expect(container.querySelector('.customer-drawer h2')?.textContent).toContain('客户w2');
      return container.querySelector<HTMLElement>('.customer-drawer')!;
    });

    await click(Array.from(drawer.querySelectorAll('button')).find((b) => b.textContent === '已接通')!);
    await until(() =>
      expect(Array.from(drawer.querySelectorAll('button')).find((b) => b.textContent === '保存')!.disabled).toBe(false),
    );
    const note = drawer.querySelector<HTMLTextAreaElement>('textarea')!;
    note.focus();
    await key(note, { key: 'Enter' });
    await until(() => expect(drawer.querySelector('ol.timeline')?.textContent).toContain('已接通'));
    await until(() => expect(drawer.querySelector('.logged')?.textContent).toContain('已记录跟进'));
    expect(drawer.contains(document.activeElement)).toBe(true);

    await key(document.activeElement!, { key: 'Escape' });
    await until(() => expect(container.querySelector('.customer-drawer')).toBeNull());
    await until(() => expect(document.activeElement?.closest('.ag-row')?.getAttribute('row-id')).toBe('w2'));
    expect(document.activeElement?.getAttribute('col-id')).toBe('name');
  });

  it('Esc inside the follow-up form closes the drawer too', async () => {
    grid.api.setFocusedCell(grid.api.getRowNode('l1')!.rowIndex!, 'name');
    await key(
      await until(() => container.querySelector<HTMLElement>('.ag-row[row-id="l1"] .ag-cell[col-id="name"]')!),
      { key: 'Enter' },
    );
    const drawer = await until(() =>
      container.querySelector<HTMLElement>('.customer-drawer textarea')!.closest<HTMLElement>('.customer-drawer')!,
    );
    const outcome = drawer.querySelector<HTMLInputElement>('.follow-up-form input')!;
    outcome.focus();
    await key(outcome, { key: 'Escape' });
    await until(() => expect(container.querySelector('.customer-drawer')).toBeNull());
    await until(() => expect(document.activeElement?.closest('.ag-row')?.getAttribute('row-id')).toBe('l1'));
  });
});
