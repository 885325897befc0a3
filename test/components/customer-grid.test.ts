import { describe, expect, it } from 'vitest';
import type { ValueFormatterParams } from 'ag-grid-community';
import { FIELD_NAMES } from '../../lib/customer';
import type { StoredCustomer } from '../../lib/db';
import { STANDARDS } from '../../lib/grading';
import { buildColumnDefs } from '../../components/customer-grid/columns';
import { badgeTone } from '../../components/customer-grid/GradeBadge';

const columns = (revealed = false, locale: 'zh' | 'en' = 'zh') =>
  buildColumnDefs({ locale, revealed: () => revealed, reasonOf: (_c, s) => `reason of ${s}` });
const col = (id: string, revealed = false, locale: 'zh' | 'en' = 'zh') =>
  columns(revealed, locale).find((c) => c.colId === id)!;
const format = (id: string, value: unknown, revealed = false, locale: 'zh' | 'en' = 'zh') =>
  (col(id, revealed, locale).valueFormatter as (p: Partial<ValueFormatterParams<StoredCustomer>>) => string)({ value });

describe('the customers grid columns', () => {
  it('has a column for every canonical field and every grading standard, the name pinned first', () => {
    const ids = columns().map((c) => c.colId);
    for (const f of FIELD_NAMES) expect(ids).toContain(f);
    for (const s of STANDARDS) expect(ids).toContain(`grades.${s.id}`);
    expect(ids[0]).toBe('name');
    expect(col('name').pinned).toBe('left');
  });

  it('names every column apart, in both languages (a grade and a field never share a header)', () => {
    for (const locale of ['zh', 'en'] as const) {
      const headers = columns(false, locale).map((c) => c.headerName);
      expect(headers.filter((h, i) => headers.indexOf(h) !== i)).toEqual([]);
    }
    expect(col('grades.satisfaction').headerName).toBe('满意度分级');
    expect(col('satisfaction').headerName).toBe('满意度');
  });

  it('masks phone and ID numbers until revealed', () => {
    expect(format('phone', '13812341234')).toBe('138****1234');
    expect(format('phone', '13812341234', true)).toBe('13812341234');
    expect(format('idNumber', '44130219900101123X')).toBe('441302********123X');
  });

  it('writes dates in the user locale, and enum values as people read them', () => {
    expect(format('purchasedAt', '2026-11-23')).toBe('2026/11/23');
    expect(format('stage', 'owner')).toBe('保有客户');
  });

  it('shows grade labels, sorts grades in the standard order and gives the reason on hover', () => {
    const intent = col('grades.intent');
    expect(format('grades.intent', 'H')).toBe('H级');
    expect(format('grades.intent', 'H', false, 'en')).toBe('Grade H');
    const compare = intent.comparator as (a: string, b: string) => number;
    expect(['C', 'A', 'H', 'B'].sort(compare)).toEqual(['H', 'A', 'B', 'C']);
    const tooltip = intent.tooltipValueGetter!({ data: { grades: { intent: 'H' } } } as never);
    expect(tooltip).toBe('reason of intent');
    expect(intent.tooltipValueGetter!({ data: { grades: {} } } as never)).toBeUndefined();
  });

  it('colours the urgent grades hot and leaves 不适用 quiet', () => {
    expect(badgeTone('H')).toBe('hot');
    expect(badgeTone('churned')).toBe('hot');
    expect(badgeTone('n/a')).toBe('none');
  });
});
