/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DueList } from '../../components/due-list/DueList';
import { LocaleProvider } from '../../components/i18n/LocaleContext';
import { loadMe, regradeCustomers, saveMe, type DealerLensDB, type StoredCustomer } from '../../lib/db';
import { DEFAULT_RULE_SET } from '../../lib/grading';
import { freshDatabase } from '../lib/db/helpers';
import { freshRoot, unmountRoot } from './mount';

const NOW = new Date(2026, 2, 10, 9);
const at = '2026-03-01T00:00:00.000Z';
const lead = (id: string, name: string, consultant: string, lastContactAt: string): StoredCustomer => ({
  id,
  name,
  consultant,
  phone: `1380000000${id}`,
  stage: 'lead',
  portalGrade: 'A',
  lastContactAt,
  extra: {},
  invalid: {},
  provenance: { pageUrl: 'x', capturedAt: at },
  createdAt: at,
  updatedAt: at,
  userEdited: [],
  lastBatchId: 'seed',
});

let root: Root;
let container: HTMLElement;
let db: DealerLensDB;

beforeEach(async () => {
  fakeBrowser.reset();
  db = freshDatabase();
  // A leads every 7 days on 2026-03-10: 张伟 due today, 李娜 overdue (both 王芳's), 陈杰 李强's and due, 赵敏 not yet due.
  await db.customers.bulkPut([
    lead('1', '张伟', '王芳', '2026-03-03'),
    lead('2', '李娜', '王芳', '2026-03-01'),
    lead('3', '陈杰', '李强', '2026-03-03'),
    lead('4', '赵敏', '王芳', '2026-03-09'),
  ]);
  await regradeCustomers(db, ['1', '2', '3', '4'], DEFAULT_RULE_SET, NOW);
  ({ container, root } = freshRoot());
});

afterEach(() => unmountRoot(root, container));

async function render(): Promise<void> {
  await act(async () =>
    root.render(
      <LocaleProvider initial="zh">
        <DueList db={db} now={() => NOW} />
      </LocaleProvider>,
    ),
  );
}

/** Waits for the live query to deliver (a few turns of IndexedDB). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  expect(check()).toBe(true);
}

const names = () => [...container.querySelectorAll('.due-list b')].map((b) => b.textContent);
const counts = () => container.querySelector('[data-testid="due-counts"]')?.textContent;

describe('the side panel due list', () => {
  it('before "我是 …" is set: asks for the name and lists every due customer, oldest due first', async () => {
    await render();
    await until(() => names().length === 3);
    expect(names()).toEqual(['李娜', '张伟', '陈杰']);
    expect(counts()).toBe('今天 2 位, 逾期 1 位');
    expect(container.textContent).toContain('先告诉 DealerLens 你是哪位顾问');
    expect(container.querySelector('.overdue b')?.textContent).toBe('李娜');
  });

  it('setting "我是 王芳" lists only her customers and is the name the workbench reads', async () => {
    await render();
    await until(() => names().length === 3);
    const input = container.querySelector<HTMLInputElement>('form.me input')!;
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setValue.call(input, ' 王芳 ');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => container.querySelector<HTMLFormElement>('form.me')!.requestSubmit());
    await until(() => names().length === 2);
    expect(names()).toEqual(['李娜', '张伟']);
    expect(container.querySelector('[data-testid="me"]')?.textContent).toBe('王芳');
    expect(counts()).toBe('今天 1 位, 逾期 1 位');
    expect(await loadMe(db)).toBe('王芳');
  });

  it('a name set in the workbench is the one shown here', async () => {
    await saveMe(db, '李强');
    await render();
    await until(() => names().length === 1);
    expect(names()).toEqual(['陈杰']);
    expect(container.querySelector('[data-testid="me"]')?.textContent).toBe('李强');
  });
});
