// The workbench's test store: the demo portal's customers (a 上汽大众 4S store
// in 惠州, test/demo-portal/data.ts) as the database keeps them, graded by
// the default rule set. Deterministic for a (count, seed, day), so the
// workbench and the bench's bare grid are given the same rows; the bench
// bundles this file to build them inside the browser (no 100 MB over CDP).
import type { StoredCustomer } from '../../lib/db/types';
import { DEFAULT_RULE_SET, gradeAll } from '../../lib/grading';
import { generateCustomers } from '../demo-portal/data';

const pad = (n: number) => String(n).padStart(2, '0');

export function makeWorkbenchRows(count: number, seed: number, now: Date): StoredCustomer[] {
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const at = now.toISOString();
  const rows: StoredCustomer[] = generateCustomers(count, seed, today).map((c, i) => ({
    ...c,
    id: `c-${String(i).padStart(6, '0')}`,
    extra: {},
    invalid: {},
    provenance: {
      pageUrl: 'http://dms.example.com/crm/customer/list',
      capturedAt: at,
      detailUrl: `http://dms.example.com/crm/customer/detail?id=${c.portalId}`,
    },
    createdAt: at,
    updatedAt: at,
    userEdited: [],
    lastBatchId: 'seed',
  }));
  gradeAll(rows, DEFAULT_RULE_SET, now).forEach((report, i) => {
    rows[i]!.grades = report.summary();
  });
  return rows;
}
