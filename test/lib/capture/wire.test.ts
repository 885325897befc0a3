import { describe, expect, it } from 'vitest';
import type { StagedTable } from '../../../lib/capture/types';
import { packTable, reportOf, unpackTable, PANEL_REJECTIONS, panelReport } from '../../../lib/capture/wire';

const table = (rows: string[][], rowLinks: (string | null)[] = rows.map(() => null)): StagedTable => ({
  pageUrl: 'http://dms.local/crm/customer/list',
  pageTitle: '客户列表',
  frame: null,
  headers: ['客户姓名', '手机号码', '备注'],
  rows,
  rowLinks,
  totalRowsHint: 2000,
});

describe('a staged table travels as one string and arrives exactly as scraped', () => {
  it('gives back every row, cell and link, including empty cells and rows without a link', () => {
    const original = table(
      [
        ['张伟', '13812345678', ''],
        ['', '', ''],
        ['王芳', '139 8765 4321', '说 "你好", 逗号, 换行\n也在'],
      ],
      ['http://dms.local/crm/customer/detail?id=1', null, 'http://dms.local/crm/customer/detail?id=3'],
    );
    const wire = packTable(original);
    expect(Array.isArray(wire.rows)).toBe(false);
    expect(unpackTable(JSON.parse(JSON.stringify(wire)))).toEqual(original);
  });

  it('sends a table whose cells hold a separator character as arrays, unchanged', () => {
    const original = table([['张\u001f伟', '13812345678', '\u001e']]);
    const wire = packTable(original);
    expect(Array.isArray(wire.rows)).toBe(true);
    expect(unpackTable(wire)).toEqual(original);
  });

  it('finds a single separator in any cell of a long table, of either kind', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`客户${i}`, `138${String(i).padStart(8, '0')}`, '']);
    for (const mark of ['\u001f', '\u001e']) {
      const original = table(rows.map((r, i) => (i === 377 ? [r[0]!, r[1]!, `备注${mark}`] : r)));
      const wire = packTable(original);
      expect(Array.isArray(wire.rows)).toBe(true);
      expect(unpackTable(JSON.parse(JSON.stringify(wire)))).toEqual(original);
    }
  });

  it('keeps a table with no rows empty', () => {
    expect(unpackTable(packTable(table([])))).toEqual(table([]));
  });

  it('refuses a table that arrived with rows missing instead of storing part of it', () => {
    const wire = packTable(
      table([
        ['张伟', '13812345678', ''],
        ['王芳', '13987654321', ''],
      ]),
    );
    const cut = { ...wire, rows: { packed: (wire.rows as { packed: string }).packed.split('\u001e')[0]!, count: 2 } };
    expect(() => unpackTable(cut)).toThrow(/incomplete/);
  });
});

describe('a batch reported to a page', () => {
  it('leaves out the customer ids and lists the first 100 rejected rows; the count keeps them all', () => {
    const batch = {
      id: 'b1',
      at: '2026-11-23T02:00:00.000Z',
      source: 'page' as const,
      pageUrl: 'http://dms.local/',
      counts: { new: 10_000, updated: 0, unchanged: 0, rejected: 150 },
      rejected: Array.from({ length: 150 }, (_, row) => ({ row, reason: '没有手机号' })),
      customerIds: Array.from({ length: 10_000 }, (_, i) => `c${i}`),
      undone: false,
    };
    const report = reportOf(batch);
    expect('customerIds' in report).toBe(false);
    expect(report.rejected).toHaveLength(100);
    expect(report.counts.rejected).toBe(150);
    expect(batch.customerIds).toHaveLength(10_000);
  });
});

describe('what the capture frame tells the portal page', () => {
  it('is the counts and the first rejected rows by number and reason, nothing of their contents', () => {
    const rejected = Array.from({ length: 8 }, (_, row) => ({
      row,
      reason: '缺少手机号、车架号和客户编号 / no identity',
    }));
    const report = panelReport({
      id: 'b1',
      at: '2026-03-01T00:00:00.000Z',
      source: 'page',
      pageUrl: 'http://dms.example/crm/list.do?token=secret',
      profileId: 'p1',
      counts: { new: 1, updated: 0, unchanged: 0, rejected: 8 },
      rejected,
      undone: false,
    });
    expect(report).toEqual({
      id: 'b1',
      counts: { new: 1, updated: 0, unchanged: 0, rejected: 8 },
      rejected: rejected.slice(0, PANEL_REJECTIONS),
    });
  });
});
