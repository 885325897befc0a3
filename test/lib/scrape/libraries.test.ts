/** @vitest-environment happy-dom */
// Saved HTML that the real table libraries rendered (test/fixtures/scrape/*.html,
// each with <name>.expected.json): the customer list must come first, with the
// headers, first row, row count and detail link a user sees.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { COLUMNS, CUSTOMERS, detailHref, manyCustomers, type DemoCustomer } from '../../fixtures/render/data';

const dir = join(__dirname, '../../fixtures/scrape');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.html'));

interface Expected {
  headers: string[];
  firstRow: string[];
  rowCount: number;
  rowLinks0?: string;
  ariaRowCount?: number;
}

// The grouped fixture shows 意向车型 under the group 车辆信息 as 车型; the card
// fixtures show the name and grade without labels, named 客户 and 级别 from their values.
const FIELD_BY_HEADER = new Map<string, keyof DemoCustomer>([
  ...COLUMNS.map(([field, header]) => [header, field] as const),
  ['车型', 'model'],
  ['客户', 'name'],
  ['级别', 'grade'],
]);

function load(file: string): Document {
  const doc = new DOMParser().parseFromString(readFileSync(join(dir, file), 'utf8'), 'text/html');
  return doc;
}

describe('tables rendered by real libraries', () => {
  it('has fixtures to read', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const file of fixtures) {
    const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.html$/, '.expected.json')), 'utf8')) as Expected;
    it(`${file}: the customer list is the first candidate, read as displayed`, () => {
      const [best] = findTables(load(file));
      expect(best).toBeDefined();
      expect(best!.headers).toEqual(expected.headers);
      expect(best!.rows[0]).toEqual(expected.firstRow);
      expect(best!.rows).toHaveLength(expected.rowCount);
      for (const row of best!.rows) expect(row).toHaveLength(expected.headers.length);
      if (expected.rowLinks0) expect(best!.rowLinks[0]).toBe(expected.rowLinks0);
      if (expected.ariaRowCount) expect(best!.totalRowsHint).toBe(expected.ariaRowCount - 1);
    });

    if (!expected.ariaRowCount) {
      const paged = expected.rowCount < CUSTOMERS.length;
      it(`${file}: ${paged ? 'reports the total its pager shows' : 'reports no total beyond the rows shown'}`, () => {
        const [best] = findTables(load(file));
        expect(best!.totalRowsHint).toBe(paged ? CUSTOMERS.length : undefined);
      });
    }

    it(`${file}: every row holds the customer the library was fed, with its detail link`, () => {
      const [best] = findTables(load(file));
      const fields = expected.headers.map((h) => FIELD_BY_HEADER.get(h)!);
      const customers = manyCustomers(expected.rowCount);
      expect(best!.rows).toEqual(customers.map((c) => fields.map((f) => String(c[f]))));
      expect(best!.rowLinks).toEqual(customers.map((c) => new URL(detailHref(c), 'http://portal.test/').href));
    });
  }
});
