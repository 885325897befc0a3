/** @vitest-environment happy-dom */
// The workbench header: the count line follows the grid's shown rows (only it
// re-renders), says when rows are still being read, and names the selection.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchHeader } from '../../components/workbench-header/WorkbenchHeader';
import type { CountStore } from '../../components/hooks';
import { mount, type, type Mounted } from './mount';

function store(): CountStore {
  let value = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (n) => {
      value = n;
      listeners.forEach((l) => l());
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

let view: Mounted;
afterEach(() => view.unmount());

describe('the workbench header', () => {
  it('counts the rows shown of the customers read, in the page language, and the selection', async () => {
    const shown = store();
    const props = { search: '', onSearch: () => undefined, shown, total: 12_345, loading: false, selected: 0 };
    view = await mount(<WorkbenchHeader {...props} />);
    const count = () => view.container.querySelector('[data-testid="row-count"]')!.textContent;
    await act(async () => shown.set(1_200));
    expect(count()).toBe('显示 1,200 / 共 12,345 位客户');
    await view.render(<WorkbenchHeader {...props} selected={3} />);
    expect(count()).toBe('显示 1,200 / 共 12,345 位客户 · 已选 3');
    await view.render(<WorkbenchHeader {...props} loading />);
    expect(count()).toBe('正在读取… 已显示 1,200 位');
  });

  it('in English', async () => {
    const shown = store();
    view = await mount(
      <WorkbenchHeader search="" onSearch={() => undefined} shown={shown} total={40} loading={false} selected={2} />,
      'en',
    );
    await act(async () => shown.set(7));
    expect(view.container.querySelector('[data-testid="row-count"]')!.textContent).toBe(
      '7 of 40 customers · 2 selected',
    );
    expect(view.container.querySelector('h1')!.textContent).toBe('DealerLens Workbench');
  });

  it('hands each key of the quick search up', async () => {
    const typed: string[] = [];
    view = await mount(
      <WorkbenchHeader
        search=""
        onSearch={(t) => typed.push(t)}
        shown={store()}
        total={0}
        loading={false}
        selected={0}
      />,
    );
    const input = view.container.querySelector('input[type="search"]');
    expect(input!.getAttribute('aria-label')).toBe('快速搜索');
    await type(input, '王');
    expect(typed).toEqual(['王']);
  });
});
