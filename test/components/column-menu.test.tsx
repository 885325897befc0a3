/** @vitest-environment happy-dom */
// The column menu: lists the grid's columns when opened, hides and shows one
// (never the name), shows them all, and hands the columns up to be remembered.
import { act } from 'react';
import type { ColumnState } from 'ag-grid-community';
import { afterEach, describe, expect, it } from 'vitest';
import { ColumnMenu } from '../../components/column-menu/ColumnMenu';
import type { CustomerGridHandle, GridColumnInfo } from '../../components/customer-grid/CustomerGrid';
import { click, mount, type Mounted } from './mount';

/** A grid of three columns, as much of the handle as the menu uses. */
function fakeGrid() {
  const columns: GridColumnInfo[] = [
    { id: 'name', label: '姓名', visible: true },
    { id: 'phone', label: '手机', visible: true },
    { id: 'plate', label: '车牌', visible: false },
  ] as GridColumnInfo[];
  const handle = {
    columns: () => columns.map((c) => ({ ...c })),
    columnState: (): ColumnState[] => columns.map((c) => ({ colId: c.id, hide: !c.visible })),
    setColumnVisible: (id: string, visible: boolean) => (columns.find((c) => c.id === id)!.visible = visible),
    api: {
      setColumnsVisible: (ids: string[], visible: boolean) => ids.forEach((id) => handle.setColumnVisible(id, visible)),
    },
  };
  return { current: handle as unknown as CustomerGridHandle };
}

let view: Mounted;
afterEach(() => view.unmount());

async function open(container: HTMLElement) {
  const details = container.querySelector('details')!;
  await act(async () => {
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  });
}
const box = (container: HTMLElement, label: string) =>
  [...container.querySelectorAll('label')].find((l) => l.textContent === label)!.querySelector('input')!;

describe('the column menu', () => {
  it('opened, it lists the columns as the grid has them; the name cannot be hidden', async () => {
    view = await mount(<ColumnMenu grid={fakeGrid()} onColumnsChanged={() => undefined} />);
    const c = view.container;
    expect(c.querySelectorAll('label')).toHaveLength(0);
    await open(c);
    expect([...c.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['姓名', '手机', '车牌']);
    expect(box(c, '姓名').disabled).toBe(true);
    expect(box(c, '手机').checked).toBe(true);
    expect(box(c, '车牌').checked).toBe(false);
  });

  it('a box hides or shows its column; 全部显示 shows every one; each change is handed up', async () => {
    const changes: ColumnState[][] = [];
    view = await mount(<ColumnMenu grid={fakeGrid()} onColumnsChanged={(s) => changes.push(s)} />);
    const c = view.container;
    await open(c);
    await click(box(c, '手机'));
    expect(box(c, '手机').checked).toBe(false);
    expect(changes.at(-1)!.find((s) => s.colId === 'phone')!.hide).toBe(true);
    await click([...c.querySelectorAll('button')].find((b) => b.textContent === '全部显示'));
    expect(['姓名', '手机', '车牌'].map((l) => box(c, l).checked)).toEqual([true, true, true]);
    expect(changes).toHaveLength(2);
    expect(changes.at(-1)!.every((s) => !s.hide)).toBe(true);
  });
});
