/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Audit } from '../../components/audit/Audit';
import { periodOf } from '../../components/audit/period';
import { DEFAULT_RULE_SET } from '../../lib/grading';
import { regradeCustomers, type DealerLensDB, type StoredCustomer } from '../../lib/db';
import { freshDatabase } from '../lib/db/helpers';
import { lead } from '../factories';
import { freshRoot, unmountRoot } from './mount';

/** Tuesday 10 March 2026. */
const NOW = new Date(2026, 2, 10, 9);

describe('the audit periods (weeks start on Monday)', () => {
  it('this week, last week, this month and last month of Tuesday 10 March 2026', () => {
    expect(periodOf('thisWeek', NOW)).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(periodOf('lastWeek', NOW)).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(periodOf('thisMonth', NOW)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(periodOf('lastMonth', NOW)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    // Across a year's turn, and a leap February.
    expect(periodOf('lastMonth', new Date(2028, 0, 4, 9))).toEqual({ from: '2027-12-01', to: '2027-12-31' });
    expect(periodOf('thisMonth', new Date(2028, 1, 29, 23))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('thisWeek', new Date(2028, 0, 2, 9))).toEqual({ from: '2027-12-27', to: '2028-01-02' });
  });
  it('on a Sunday the week is the one that ends that day', () => {
    expect(periodOf('thisWeek', new Date(2026, 2, 15, 20))).toEqual({ from: '2026-03-09', to: '2026-03-15' });
  });
});

describe('the audit view', () => {
  let db: DealerLensDB;
  let root: Root;
  let container: HTMLElement;

  beforeEach(async () => {
    db = freshDatabase();
    // A leads due last week (every 7 days) and never called since: missed.
    await db.customers.bulkPut([
      lead('1', { consultant: '王芳', lastContactAt: '2026-02-25' }),
      lead('2', { consultant: '王芳', lastContactAt: '2026-02-26' }),
      lead('3', { consultant: '李强', lastContactAt: '2026-02-27' }),
    ]);
    await regradeCustomers(db, ['1', '2', '3'], DEFAULT_RULE_SET, NOW);
    ({ container, root } = freshRoot());
  });

  afterEach(() => unmountRoot(root, container));

  it('shows missed follow-ups per consultant; clicking a number lists those customers and hands their ids over', async () => {
    const shown: string[][] = [];
    await act(async () =>
      root.render(
        <Audit db={db} now={() => NOW} initialPeriod="lastWeek" onShowCustomers={(ids) => shown.push(ids)} />,
      ),
    );
    await vi.waitFor(() => expect(container.querySelector('table.audit-table')).not.toBeNull());
    const missed = container.querySelector<HTMLButtonElement>('button[aria-label="王芳  未跟进 2"]')!;
    expect(missed).not.toBeNull();
    await act(async () => missed.click());
    expect(shown).toEqual([['1', '2']]);
    await vi.waitFor(() =>
      expect(container.querySelector('.audit-list h3')?.textContent).toBe('王芳 · 全部级别 · 未跟进: 2 位客户'),
    );
    expect(container.querySelector('.audit-list tbody')!.textContent).toContain('138****0001');
    expect(container.querySelector('tfoot')!.textContent).toContain('3');
  });

  it("counts a delivered customer's calls in rows of their own, with their names in Chinese and English", async () => {
    // Delivered Monday 2 March, first service 2 April; called on the delivery day only.
    const d: StoredCustomer = {
      ...lead('4', { consultant: '王芳', lastContactAt: '2026-03-02T15:00' }),
      stage: 'delivered',
      portalGrade: undefined,
      deliveredAt: '2026-03-02',
      firstServiceDueAt: '2026-04-02',
    };
    await db.customers.put(d);
    await regradeCustomers(db, ['4'], DEFAULT_RULE_SET, NOW);
    await act(async () => root.render(<Audit db={db} now={() => NOW} initialPeriod="lastWeek" />));
    await vi.waitFor(() => expect(container.querySelector('tr.delivery-calls')).not.toBeNull());
    const row = container.querySelector('tr.delivery-calls')!;
    expect(row.textContent).toContain('其中交车回访');
    // The arrival call (2 March) on time, the 7-day call (9 March) falls in this week, not last week.
    expect(container.querySelector('button[aria-label="王芳 其中交车回访 按时 1"]')).not.toBeNull();
    await act(async () => container.querySelector<HTMLButtonElement>('button[aria-label="按级别展开 王芳"]')!.click());
    const names = [...container.querySelectorAll('tr.grade td:nth-child(2)')].map((td) => td.textContent);
    expect(names).toEqual(['A', '交车回访 · 交车当天']);
  });
});
