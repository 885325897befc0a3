/** @vitest-environment happy-dom */
// The grid's "select all" box (SelectAllHeader.ts): it selects the rows the
// grid shows, and says whether all, some or none of them are selected.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { StoredCustomer } from '../../lib/db';
import { CustomerGrid, type CustomerGridHandle } from '../../components/customer-grid/CustomerGrid';
import { selectAllState } from '../../components/customer-grid/SelectAllHeader';
import * as make from '../factories';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const customer = (i: number, district: string): StoredCustomer =>
  make.customer(`c${i}`, { name: `客户${i}`, district, grades: {} });

// One grid for the file: creating an ag-grid in happy-dom is the slow part
// (seconds on a busy machine), and each test starts from its own rows.
let root: Root;
let grid: CustomerGridHandle;
let box: HTMLInputElement;
const counts: number[] = [];

/**
 * Runs a grid action, then waits until the grid has caught up: `settled`
 * is the state the action leads to, read from the grid and the box (the
 * grid calls its API listeners, the box among them, a task or more later).
 */
async function step(action: () => unknown, settled: () => void): Promise<void> {
  await act(async () => {
    action();
  });
  await vi.waitFor(settled, { interval: 5, timeout: 4_000 });
}

beforeAll(async () => {
  const host = document.createElement('div');
  host.style.cssText = 'width:800px;height:400px;display:flex';
  document.body.append(host);
  root = createRoot(host);
  await act(async () => {
    root.render(
      <CustomerGrid
        locale="zh"
        revealed={false}
        reasonOf={() => undefined}
        onReady={(h) => (grid = h)}
        onDisplayedCountChange={(n) => counts.push(n)}
      />,
    );
  });
  box = await vi.waitFor(() => host.querySelector<HTMLInputElement>('[data-testid="select-all"]')!);
});
afterAll(() => {
  act(() => root.unmount());
  document.body.innerHTML = '';
});

async function showRows(rows: StoredCustomer[]): Promise<void> {
  await step(
    () => {
      grid.api.setFilterModel(null);
      grid.api.applyColumnState({ defaultState: { sort: null } });
      grid.setRows(rows);
    },
    () => {
      expect(grid.displayedCount()).toBe(rows.length);
      expect(grid.api.getSelectedRows()).toHaveLength(0);
      expect(counts.at(-1)).toBe(rows.length);
    },
  );
}

describe('the select-all box', () => {
  it('is ticked when every shown row is selected, mixed when some are, empty when none', () => {
    const shown = { displayed: true };
    const hidden = { displayed: false };
    expect(selectAllState([], 3)).toBe(false);
    expect(selectAllState([shown, shown, shown], 3)).toBe(true);
    expect(selectAllState([shown, hidden], 3)).toBe(null);
    expect(selectAllState([hidden], 3)).toBe(false);
    expect(selectAllState([shown], 0)).toBe(false);
  });

  it('selects only the customers a filter leaves shown, and clears them again', async () => {
    await showRows([customer(1, '惠城区'), customer(2, '惠阳区'), customer(3, '惠城区')]);
    expect(box.getAttribute('aria-label')).toBe('选择显示的全部客户');
    expect(box.checked).toBe(false);
    await step(
      () => grid.api.setFilterModel({ district: { filterType: 'text', type: 'contains', filter: '惠城' } }),
      () => expect(grid.displayedCount()).toBe(2),
    );
    await step(
      () => box.click(),
      () => expect(box.checked).toBe(true),
    );
    expect(
      grid.api
        .getSelectedRows()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['c1', 'c3']);
    // The filter lifted: two of three shown rows selected.
    await step(
      () => grid.api.setFilterModel(null),
      () => expect(box.indeterminate).toBe(true),
    );
    expect(box.getAttribute('aria-checked')).toBe('mixed');
    // From some: all shown; from all: none.
    await step(
      () => box.click(),
      () => expect(box.checked).toBe(true),
    );
    expect(grid.api.getSelectedRows()).toHaveLength(3);
    await step(
      () => box.click(),
      () => expect(box.checked).toBe(false),
    );
    expect(grid.api.getSelectedRows()).toHaveLength(0);
    expect(box.indeterminate).toBe(false);
  });

  it('reports the shown count when it changes, not after a sort that keeps it', async () => {
    await showRows([customer(1, '惠城区'), customer(2, '惠阳区')]);
    const before = counts.length;
    await step(
      () => grid.api.applyColumnState({ state: [{ colId: 'name', sort: 'desc' }] }),
      () => expect(grid.api.getDisplayedRowAtIndex(0)?.data?.id).toBe('c2'),
    );
    expect(counts).toHaveLength(before);
    await step(
      () => grid.api.setFilterModel({ district: { filterType: 'text', type: 'contains', filter: '惠阳' } }),
      () => expect(counts.at(-1)).toBe(1),
    );
  });
});
