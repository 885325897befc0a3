/** @vitest-environment happy-dom */
// One DOM row per customer row of a candidate, on HTML the real libraries
// rendered: a split table's fixed-column copies and AG Grid's pinned parts
// give no second row, so no customer gets two badges.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTables } from '../../lib/scrape';
import { rowElements } from '../../components/portal-overlay/rows';

const dir = join(__dirname, '../fixtures/scrape');
const FIXTURES = [
  'element-ui-fixed',
  'element-plus-fixed',
  'antd-fixed',
  'ant-design-vue-fixed',
  'vxe-fixed',
  'viewui-fixed',
  'layui-fixed',
  'easyui-frozen',
  'datatables-fixed',
  'aggrid-pinned',
  'aggrid-virtual',
  'element-plus-cards',
  'ant-design-vue-cards',
];

describe('rowElements', () => {
  for (const name of FIXTURES) {
    it(`finds each customer's row once in ${name}`, () => {
      const doc = new DOMParser().parseFromString(readFileSync(join(dir, `${name}.html`), 'utf8'), 'text/html');
      const [best] = findTables(doc);
      const rows = rowElements(best!);
      expect(rows).toHaveLength(best!.rows.length);
      expect(rows.every((r) => r !== null)).toBe(true);
      expect(new Set(rows).size).toBe(rows.length);
      // Each element shows its own customer: the row's mobile is in its text (or its pinned part's row index).
      const phone = best!.headers.findIndex((h) => /手机|电话/.test(h));
      if (phone >= 0 && best!.kind !== 'aria')
        best!.rows.forEach((cells, i) => {
          if (cells[phone]) expect(rows[i]!.textContent).toContain(cells[phone]);
        });
    });
  }
});
