/** @vitest-environment happy-dom */
// Characters a person cannot see never reach the store: zero-width ones would
// split a word, bidirectional controls would show a name reversed; the batch
// says how many cells held them.
import { describe, expect, it } from 'vitest';
import { CaptureSessions } from '../../../lib/capture/session';
import { stripInvisible, withoutInvisible } from '../../../lib/capture/invisible';
import { collapseSpace } from '../../../lib/scrape/text';
import { findTables } from '../../../lib/scrape';
import { readWorkbook, toStagedTable } from '../../../lib/sheets';
import type { StagedTable } from '../../../lib/capture/types';
import { freshDatabase } from '../db/helpers';

const NOW = new Date('2026-11-23T10:00:00+08:00');
const ZW = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const BIDI = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
];

const staged = (headers: string[], rows: string[][]): StagedTable => ({
  pageUrl: 'http://dms.example/crm/list.do',
  pageTitle: '客户列表',
  frame: null,
  headers,
  rows,
  rowLinks: rows.map(() => null),
});

describe('invisible characters', () => {
  it.each(ZW)('a zero-width %j inside a word is removed, not turned into a space', (ch) => {
    expect(collapseSpace(`备${ch}注`)).toBe('备注');
    expect(collapseSpace(`张 ${ch} 伟`)).toBe('张 伟');
    expect(stripInvisible(`备${ch}注`)).toBe('备注');
  });

  it.each(BIDI)('a direction control %j is removed, so the name displays as written', (ch) => {
    expect(stripInvisible(`${ch}张伟${ch}`)).toBe('张伟');
  });

  it('a page cell written with zero-width characters reads as one word', () => {
    const doc = new DOMParser().parseFromString(
      '<table><thead><tr><th>客户姓名</th><th>备\u200b注</th><th>手机号码</th></tr></thead><tbody>' +
        '<tr><td>张\u200d伟</td><td>想要\u2060白色</td><td>13812345678</td></tr><tr><td>李娜</td><td>周末</td><td>13987654321</td></tr></tbody></table>',
      'text/html',
    );
    const [table] = findTables(doc);
    expect(table!.headers).toEqual(['客户姓名', '备注', '手机号码']);
    expect(table!.rows[0]).toEqual(['张伟', '想要白色', '13812345678']);
  });

  it('are stripped from every header and cell at staging, and the batch counts the cells', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    const { id } = await sessions.stage(
      staged(
        ['客户\u200b姓名', '手机号码', '备注'],
        [
          ['\u202e伟张\u202c', '138\u200b1234\u200b5678', '\u2067客户原话\u2069'],
          ['李娜', '13987654321', '普通'],
        ],
      ),
    );
    const preview = sessions.preview(id)!;
    expect(preview.table.headers[0]).toBe('客户姓名');
    expect(preview.mapping.map((m) => m.field).slice(0, 2)).toEqual(['name', 'phone']);
    const batch = await sessions.commit(id, undefined, false);
    expect(batch.invisibleCells).toBe(4);
    const zhang = (await db.customers.where('phone').equals('13812345678').first())!;
    expect(zhang.name).toBe('伟张');
    expect(JSON.stringify(await db.customers.toArray())).not.toMatch(
      /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/,
    );
  });

  it('are stripped from an imported file too', async () => {
    const csv = new TextEncoder().encode('客户姓名,手机号码\n\u202e张伟,13812345678\n李\u200b娜,13987654321\n');
    const read = readWorkbook(csv, { fileName: 'customers.csv' });
    if (!read.ok) throw new Error(read.error.message.zh);
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    const { id } = await sessions.stage(toStagedTable(read.workbook));
    const batch = await sessions.commit(id, undefined, false);
    expect(batch.invisibleCells).toBe(2);
    expect((await db.customers.toArray()).map((c) => c.name).sort()).toEqual(['张伟', '李娜']);
  });

  it('leave a clean table as it was (the same object)', () => {
    const clean = staged(['客户姓名'], [['张伟']]);
    expect(withoutInvisible(clean)).toEqual({ table: clean, cells: 0 });
  });
});
