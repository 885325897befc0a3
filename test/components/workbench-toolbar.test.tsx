/** @vitest-environment happy-dom */
// The workbench toolbar: reveal / mask the numbers, clear the grid's column
// filters, re-read the customers, the "我是" hint, and the host's slot.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchToolbar } from '../../components/workbench-toolbar/WorkbenchToolbar';
import type { CustomerGridHandle } from '../../components/customer-grid/CustomerGrid';
import { DEFAULT_RULE_SET } from '../../lib/grading';
import { click, mount, type Mounted } from './mount';

let view: Mounted;
afterEach(() => view.unmount());

function toolbar(over: { revealed?: boolean; meMissing?: boolean } = {}) {
  const calls = { filterModels: [] as unknown[], reveals: [] as boolean[], refreshes: 0 };
  const grid = {
    current: { api: { setFilterModel: (m: unknown) => calls.filterModels.push(m) } } as unknown as CustomerGridHandle,
  };
  const node = (
    <WorkbenchToolbar
      grid={grid}
      grades={{
        picks: {},
        count: 0,
        intent: DEFAULT_RULE_SET.standards.intent,
        onToggle: () => undefined,
        onClear: () => undefined,
      }}
      onColumnsChanged={() => undefined}
      revealed={over.revealed ?? false}
      onReveal={(r) => calls.reveals.push(r)}
      onRefresh={() => calls.refreshes++}
      meMissing={over.meMissing ?? false}
    >
      <button type="button">批量操作</button>
    </WorkbenchToolbar>
  );
  return { node, calls };
}

const button = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === text);

describe('the workbench toolbar', () => {
  it('its controls in order, the host’s slot last', async () => {
    view = await mount(toolbar().node);
    const c = view.container;
    expect([...c.querySelectorAll('summary')].map((s) => s.textContent)).toEqual(['级别筛选', '列']);
    expect([...c.querySelectorAll('[role="toolbar"] > button')].map((b) => b.textContent)).toEqual([
      '显示完整号码',
      '清除列筛选',
      '刷新',
    ]);
    expect(c.querySelector('.wb-toolbar-slot')!.textContent).toBe('批量操作');
    expect(c.querySelector('.wb-hint')).toBeNull();
  });

  it('reveal asks for the other state; clear filters empties the grid’s filter model; 刷新 re-reads', async () => {
    const shown = toolbar();
    view = await mount(shown.node);
    const c = view.container;
    expect(button(c, '显示完整号码')!.getAttribute('aria-pressed')).toBe('false');
    await click(button(c, '显示完整号码'));
    await click(button(c, '清除列筛选'));
    await click(button(c, '刷新'));
    expect(shown.calls).toEqual({ filterModels: [null], reveals: [true], refreshes: 1 });
    const revealed = toolbar({ revealed: true });
    await view.render(revealed.node);
    expect(button(c, '隐藏号码')!.getAttribute('aria-pressed')).toBe('true');
    await click(button(c, '隐藏号码'));
    expect(revealed.calls.reveals).toEqual([false]);
  });

  it('a "my customers" view without 我是 says so', async () => {
    view = await mount(toolbar({ meMissing: true }).node);
    expect(view.container.querySelector('.wb-hint')!.textContent).toBe('请先在左侧填写“我是”哪位顾问');
  });
});
