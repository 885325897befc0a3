/** @vitest-environment happy-dom */
// The overlay reads a row's keys from its key cells alone, where it learnt
// their places from a scrape of the list's first rows: on the demo portal's
// list and on HTML the real libraries rendered, every row's keys read that way
// are the keys a scrape of the whole list gives that row, or the overlay does
// not read narrowly at all (grids and card lists: a row's cells are not its
// children).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { findTables, type TableCandidate } from '../../lib/scrape';
import { suggestMapping } from '../../lib/mapping';
import { identityColumns, keysId, rowKeysOf } from '../../lib/overlay';
import { domRows } from '../../components/portal-overlay/rows';
import { learnNarrow, SAMPLE_ROWS } from '../../components/portal-overlay/narrow';
import { generateCustomers } from '../demo-portal/data';
import { parseListQuery, renderListPage } from '../demo-portal/render';

const dir = join(__dirname, '../fixtures/scrape');
// Stylesheet links dropped: happy-dom would try to fetch them.
const parse = (html: string) => new DOMParser().parseFromString(html.replace(/<link [^>]*>/g, ''), 'text/html');

const same = (a: TableCandidate, b: TableCandidate) => a.element === b.element;

/** Each row's keys read narrowly, beside the whole scrape's; null when the list is not read narrowly. */
function compare(doc: Document, sampleRows: number) {
  const full = findTables(doc)[0]!;
  const sample = findTables(doc, { sampleRows }).find((t) => same(t, full))!;
  const columns = identityColumns(suggestMapping(full.headers, full.rows));
  const els = domRows(full.element, full.kind);
  const reader = learnNarrow(sample, els, columns);
  if (!reader) return { full, sample, reader, narrow: [], whole: [] };
  const whole = full.rows.map((cells, i) => {
    const keys = rowKeysOf(cells, columns, full.rowLinks[i]);
    return keys ? keysId(keys) : null;
  });
  // Every element of the list, in order, less those that hold no customer.
  const narrow = els.flatMap((row) => {
    const read = reader.read(row);
    return read === 'not-a-row' ? [] : [read && typeof read === 'object' ? keysId(read) : read];
  });
  return { full, sample, reader, narrow, whole };
}

// happy-dom scrapes a 150-row page in seconds on a busy machine.
const SLOW = 30_000;

describe('learnNarrow on the demo portal list', () => {
  const customers = generateCustomers(150);
  const html = renderListPage(customers, parseListQuery(new URLSearchParams('size=150')), { today: '2026-11-23' });

  it(
    "reads every row of a 150-row page as the whole scrape does, from the overlay's sample",
    () => {
      const { full, sample, reader, narrow, whole } = compare(parse(html), SAMPLE_ROWS);
      expect(sample.rows.length).toBeLessThanOrEqual(SAMPLE_ROWS);
      expect(sample.headers).toEqual(full.headers);
      expect(reader).not.toBeNull();
      expect(narrow).toHaveLength(150);
      expect(narrow).toEqual(whole);
      // The sample's VIN column is empty for the sales leads at its top; the rows below have VINs.
      expect(whole.filter((k) => k && !k.split('|')[1]).length).toBeGreaterThan(0);
      expect(whole.filter((k) => k?.split('|')[1]).length).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'gives the total row (合计) no customer',
    () => {
      const doc = parse(html);
      const full = findTables(doc)[0]!;
      const sample = findTables(doc, { sampleRows: SAMPLE_ROWS }).find((t) => same(t, full))!;
      const els = domRows(full.element, full.kind);
      const reader = learnNarrow(sample, els, identityColumns(suggestMapping(full.headers, full.rows)))!;
      const total = els.find((el) => el.textContent!.includes('合计'))!;
      expect(reader.read(total)).toBe('not-a-row');
    },
    SLOW,
  );

  it(
    'refuses a sample whose key cells give other keys than the scrape (a cell rewritten after the scrape)',
    () => {
      const doc = parse(html);
      const full = findTables(doc)[0]!;
      const sample = findTables(doc, { sampleRows: SAMPLE_ROWS }).find((t) => same(t, full))!;
      const columns = identityColumns(suggestMapping(full.headers, full.rows));
      const els = domRows(full.element, full.kind);
      const phone = full.headers.indexOf('手机号码');
      // The mobile's cell of every sampled row now says something else than the scrape read.
      for (const el of els.slice(0, 25))
        for (const td of Array.from(el.children))
          if (sample.rows.some((r) => r[phone] && td.textContent === r[phone])) td.textContent = '13800000000';
      expect(learnNarrow(sample, els, columns)).toBeNull();
    },
    SLOW,
  );
});

/** Families whose rows are <tr>s: read narrowly. Grids and card lists: not. */
const TABLES = [
  'element-ui-fixed',
  'element-plus-fixed',
  'antd-fixed',
  'ant-design-vue-fixed',
  'vxe-fixed',
  'viewui-fixed',
  'layui-fixed',
  'easyui-frozen',
  'datatables-fixed',
  'element-plus-basic',
  'element-plus-grouped',
];
const NOT_TABLES = ['aggrid-pinned', 'aggrid-virtual', 'element-plus-cards', 'ant-design-vue-cards'];

describe('learnNarrow on tables rendered by real libraries', () => {
  for (const name of TABLES) {
    it(`reads ${name}'s rows as the whole scrape does, or not at all`, () => {
      const { full, reader, narrow, whole } = compare(parse(readFileSync(join(dir, `${name}.html`), 'utf8')), 3);
      expect(full.kind === 'table' || full.kind === 'split').toBe(true);
      if (reader) expect(narrow).toEqual(whole);
      else console.log(`${name}: whole scrape (the key cells could not be placed from the sample)`);
    });
  }
  for (const name of NOT_TABLES) {
    it(`leaves ${name} to the whole scrape`, () => {
      const { reader } = compare(parse(readFileSync(join(dir, `${name}.html`), 'utf8')), 3);
      expect(reader).toBeNull();
    });
  }
});

describe('learnNarrow on a list whose later rows link by data-href', () => {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const name =
      i < 22 ? `<a href="/crm/view?id=${i}">客户${i}</a>` : `<span data-href="/crm/view?id=${i}">客户${i}</span>`;
    return `<tr><td>${name}</td><td>138****${String(1000 + i)}</td><td>H</td><td>2026-11-${String((i % 28) + 1).padStart(2, '0')}</td></tr>`;
  }).join('');
  const html = `<table><thead><tr><th>客户姓名</th><th>手机号码</th><th>意向级别</th><th>建档日期</th></tr></thead><tbody>${rows}</tbody></table>`;

  it('asks only the sampled rows whether links are anchors, and reads a later data-href link as the scrape does', () => {
    const doc = parse(html);
    const full = findTables(doc)[0]!;
    const sample = findTables(doc, { sampleRows: SAMPLE_ROWS }).find((t) => same(t, full))!;
    const columns = identityColumns(suggestMapping(full.headers, full.rows));
    const els = domRows(full.element, full.kind);
    const asked = vi.spyOn(sample.element, 'querySelector');
    const reader = learnNarrow(sample, els, columns)!;
    expect(reader).not.toBeNull();
    expect(asked).not.toHaveBeenCalled();
    const narrow = els.map((el) => {
      const read = reader.read(el);
      return read && typeof read === 'object' ? keysId(read) : read;
    });
    const whole = full.rows.map((cells, i) => {
      const keys = rowKeysOf(cells, columns, full.rowLinks[i]);
      return keys ? keysId(keys) : null;
    });
    expect(whole[25]).toContain('id=25');
    expect(narrow).toEqual(whole);
  });
});
