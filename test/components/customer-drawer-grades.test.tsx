/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerDrawer } from '../../components/customer-drawer/CustomerDrawer';
import { regradeCustomers, type DealerLensDB, type StoredCustomer } from '../../lib/db';
import { DEFAULT_RULE_SET, type GradeSummary } from '../../lib/grading';
import { freshDatabase } from '../lib/db/helpers';
import { freshRoot, unmountRoot } from './mount';

// The drawer shows the grading stored with the customer (what the grid shows)
// and works out only the reasons, through lib/grading's run API.

const NOW = new Date(2026, 2, 10, 9);
let db: DealerLensDB;
let root: Root;
let container: HTMLElement;

function customer(fields: Partial<StoredCustomer>): StoredCustomer {
  const at = '2026-03-01T00:00:00.000Z';
  return {
    id: 'c1',
    name: '张伟',
    phone: '13800000001',
    extra: {},
    invalid: {},
    provenance: { pageUrl: 'http://dms.example.com/crm/list', capturedAt: at },
    createdAt: at,
    updatedAt: at,
    userEdited: [],
    lastBatchId: 'seed',
    ...fields,
  };
}

beforeEach(() => {
  db = freshDatabase();
  ({ container, root } = freshRoot());
});

afterEach(() => unmountRoot(root, container));

async function open(): Promise<void> {
  await act(async () =>
    root.render(<CustomerDrawer db={db} customerId="c1" now={() => NOW} onClose={() => undefined} />),
  );
  await vi.waitFor(() => expect(container.querySelector('dl.grades div')).not.toBeNull());
}

const line = (standard: string) => container.querySelector(`dl.grades [data-standard="${standard}"]`);

describe("the drawer's grades", () => {
  it('are the stored grading in its words, each with its reason, and the flags once under them', async () => {
    await db.customers.put(customer({ stage: 'lead', portalGrade: 'H' }));
    await regradeCustomers(db, ['c1'], DEFAULT_RULE_SET, NOW);
    await open();
    expect(line('intent')!.querySelector('b')!.textContent).toBe('H级');
    // No contact date: the reason names what is missing, and the flag says 资料不全.
    expect(line('intent')!.querySelector('.reason')!.textContent).not.toBe('');
    expect(container.querySelector('section .flags')!.textContent).toBe('提示: 资料不全');
  });

  it('show a flag two standards raised once', async () => {
    const stored: GradeSummary = { intent: 'n/a', defeated: 'defeated', flags: ['gradeConflict', 'gradeConflict'] };
    await db.customers.put(
      customer({ portalGrade: 'H', defeatReason: '太贵了', lastContactAt: '2026-03-01', grades: stored }),
    );
    await open();
    expect(container.querySelector('section .flags')!.textContent).toBe('提示: 级别冲突: 系统原级别与其他列不符');
  });

  it("show only the standards the stored grading has, with the stored detail, not today's full grading", async () => {
    const stored: GradeSummary = { defeated: 'defeated', defeatedDetail: '价格高' };
    await db.customers.put(
      customer({ stage: 'defeated', defeatReason: '太贵了', lastContactAt: '2026-03-01', grades: stored }),
    );
    await open();
    expect(
      Array.from(container.querySelectorAll('dl.grades [data-standard]'), (d) => d.getAttribute('data-standard')),
    ).toEqual(['defeated']);
    expect(line('defeated')!.textContent).toContain('价格高');
    expect(line('defeated')!.querySelector('.reason')!.textContent).not.toBe('');
  });

  it("show today's grade where the stored one is out of date, so the reason matches the grade beside it", async () => {
    const stored: GradeSummary = { intent: 'C' };
    await db.customers.put(
      customer({
        stage: 'lead',
        portalGrade: 'H',
        lastContactAt: '2026-03-09',
        expectedPurchaseAt: '2026-03-12',
        grades: stored,
      }),
    );
    await open();
    expect(line('intent')!.querySelector('b')!.textContent).toBe('H级');
  });

  it('are graded for the drawer when the customer was never graded', async () => {
    await db.customers.put(customer({ stage: 'lead', portalGrade: 'H', lastContactAt: '2026-03-09' }));
    await open();
    expect(container.querySelectorAll('dl.grades [data-standard]')).toHaveLength(7);
  });
});
