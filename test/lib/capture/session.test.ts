import { describe, expect, it } from 'vitest';
import { CaptureSessions } from '../../../lib/capture/session';
import { checkCapture } from '../../../lib/capture/check';
import { startOfLocalDay } from '../../../lib/calendar';
import { capturedSince } from '../../../lib/capture/stats';
import { looksLikeCustomerList } from '../../../lib/capture/judge';
import { suggestMapping } from '../../../lib/mapping';
import type { StagedTable } from '../../../lib/capture/types';
import { freshDatabase } from '../db/helpers';
import { readWorkbook, toStagedTable } from '../../../lib/sheets';

const NOW = new Date('2026-11-23T10:00:00+08:00');

function table(rows: string[][], pageUrl = 'http://dms.example.com/crm/customer/list.do?page=1'): StagedTable {
  return {
    pageUrl,
    pageTitle: '客户列表',
    frame: null,
    headers: ['客户姓名', '手机号码', '意向级别', '最近联系', '爱好'],
    rows,
    rowLinks: rows.map(() => null),
  };
}

const ROWS = [
  ['张伟', '138 1234 5678', 'H', '2026/11/20', '钓鱼'],
  ['李娜', '+86 139-8765-4321', 'A', '2026年11月1日', ''],
  ['王五', '', 'B', '2026-10-01', '自驾'],
];

describe('a capture from staging to a stored batch', () => {
  it('suggests a mapping, then stores the rows it can identify and refuses the rest', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    const staged = await sessions.stage(table(ROWS));
    expect(staged.profileMatched).toBe(false);
    const preview = sessions.preview(staged.id)!;
    expect(preview.mapping.map((m) => m.field)).toEqual(['name', 'phone', 'portalGrade', 'lastContactAt', null]);

    const batch = await sessions.commit(staged.id, undefined, true);
    expect(batch.counts).toMatchObject({ new: 2, rejected: 1 });
    expect(batch.rejected[0]!.row).toBe(2);
    const zhang = await db.customers.where('phone').equals('13812345678').first();
    expect(zhang).toMatchObject({
      name: '张伟',
      portalGrade: 'H',
      lastContactAt: '2026-11-20',
      extra: { 爱好: '钓鱼' },
    });
  });

  it('counts the rows the source refused before staging as rejected, with their row numbers', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    const refused = [{ row: 7, reason: '单元格 E8 超过 32,767 个字符 / cell E8 too long' }];
    const staged = await sessions.stage({ ...table(ROWS, 'file:///a.xlsx'), refused });
    const batch = await sessions.commit(staged.id, undefined, false);
    expect(batch.counts).toMatchObject({ new: 2, rejected: 2 });
    expect(batch.rejected).toEqual([{ row: 2, reason: expect.any(String) as string }, refused[0]]);
  });

  it('applies the saved site profile without asking next time, also to other pages of the list', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    const first = await sessions.stage(table(ROWS));
    // The user says the hobby column is the customer's notes.
    await sessions.commit(first.id, [{ index: 4, field: 'notes' }], true);

    const again = await sessions.stage(table(ROWS, 'http://dms.example.com/crm/customer/list.do?page=2'));
    expect(again.profileMatched).toBe(true);
    expect(sessions.preview(again.id)!.mapping[4]).toMatchObject({ field: 'notes', via: 'profile' });
    const batch = await sessions.commit(again.id, undefined, false);
    expect(batch.counts).toMatchObject({ new: 0, unchanged: 2, rejected: 1 });
  });

  it('runs a capture in one call: staged for the preview without a profile, committed at once with one', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    const first = await sessions.run(table(ROWS));
    expect(first).toMatchObject({ profileMatched: false });
    expect(first.batch).toBeUndefined();
    expect(await db.customers.count()).toBe(0);
    await sessions.commit(first.id, undefined, true);

    const again = await sessions.run(table(ROWS, 'http://dms.example.com/crm/customer/list.do?page=3'));
    expect(again.profileMatched).toBe(true);
    expect(again.batch?.counts).toMatchObject({ new: 0, unchanged: 2, rejected: 1 });
    // Committed: the staged table is gone, as after a commit from the preview.
    expect(sessions.preview(again.id)).toBeNull();
  });

  it('refuses a table with no rows or no headers with a message in both languages', async () => {
    const sessions = new CaptureSessions(freshDatabase(), () => NOW);
    await expect(sessions.stage(table([]))).rejects.toThrow(/没有数据行.*no data rows/);
    await expect(sessions.stage({ ...table(ROWS), headers: [] })).rejects.toThrow(/no header row/);
  });

  it('refuses a table wider than any customer list (1,000 columns) before it maps or stores anything', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    const wide = (n: number) => {
      const t = table(ROWS);
      const extra = Array.from({ length: n - t.headers.length }, (_, i) => `c${i}`);
      return { ...t, headers: [...t.headers, ...extra], rows: t.rows.map((r) => [...r, ...extra]) };
    };
    await expect(sessions.stage(wide(10_000))).rejects.toThrow(/超过 1000 列.*more than 1000 columns/);
    expect(await db.customers.count()).toBe(0);
    await expect(sessions.stage(wide(1_000))).resolves.toMatchObject({ profileMatched: false });
  });

  it('says a forgotten capture has expired instead of storing anything', async () => {
    const sessions = new CaptureSessions(freshDatabase(), () => NOW);
    await expect(sessions.commit('nope', undefined, false)).rejects.toThrow(/已过期.*expired/);
  });

  it('checks a mapping before anything is written: raw text kept for values that fail to parse', () => {
    const t = table([...ROWS, ['赵六', '138****1234', 'C', '下周', '']]);
    const check = checkCapture(t, suggestMapping(t.headers, t.rows));
    expect(check.unidentified).toEqual([2, 3]);
    expect(check.customers).toBe(2);
    // A masked mobile is kept as shown, but is no identity: the row is refused without a customer number.
    expect(check.records[3]!.fields.phone).toBe('138****1234');
    expect(check.failures.map((f) => [f.row, f.field, f.raw])).toEqual([[3, 'lastContactAt', '下周']]);
  });

  it('counts rows captured today by batches that were not undone', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    await sessions.commit((await sessions.stage(table(ROWS))).id, undefined, true);
    expect(await capturedSince(db, startOfLocalDay(NOW))).toBe(2);
    expect(await capturedSince(db, new Date(NOW.getTime() + 1000))).toBe(0);
  });
});

describe('telling a customer list from other tables', () => {
  it('reads a list with names and mobiles as a customer list', () => {
    expect(looksLikeCustomerList(table(ROWS))).toBe(true);
  });

  it('does not take a KPI summary, a search form or a notice board for one', () => {
    expect(
      looksLikeCustomerList({
        headers: ['列1', '列2', '列3'],
        rows: [
          ['今日到店', '本月新增', '待跟进'],
          ['12', '85', '143'],
        ],
      }),
    ).toBe(false);
    expect(
      looksLikeCustomerList({ headers: ['列1', '列2', '列3', '列4'], rows: [['客户姓名：', '', '手机号码：', '']] }),
    ).toBe(false);
    expect(looksLikeCustomerList({ headers: ['标题', '日期'], rows: [['关于年终冲量政策的通知', '2026-11-23']] })).toBe(
      false,
    );
  });

  it('finds a list by its values even when the headers are unknown', () => {
    const rows = [
      ['张伟', '13812345678'],
      ['李娜', '13987654321'],
      ['王五', '15012345678'],
    ];
    expect(looksLikeCustomerList({ headers: ['A', 'B'], rows })).toBe(true);
  });
});

describe('the capture day reaches the date parser', () => {
  // Saturday 7 March 2026, 10:05 local time.
  const CAPTURE = new Date(2026, 2, 7, 10, 5);
  const HEADERS = ['客户姓名', '手机号码', '最近跟进', '到店日期', '预计购车时间'];
  const DATED = [
    ['张伟', '13812345678', '昨天 11:32', '26/2/19', '4月1日'],
    ['李娜', '13987654321', '3天前', '12-05', '2月1日'],
    ['王五', '13700000000', '刚刚', '24/3/2', '明天'],
  ];
  const EXPECTED = [
    { name: '张伟', lastContactAt: '2026-03-06T11:32', firstVisitAt: '2026-02-19', expectedPurchaseAt: '2026-04-01' },
    { name: '李娜', lastContactAt: '2026-03-04', firstVisitAt: '2025-12-05', expectedPurchaseAt: '2027-02-01' },
    { name: '王五', lastContactAt: '2026-03-07T10:05', firstVisitAt: '2024-03-02', expectedPurchaseAt: '2026-03-08' },
  ];

  async function stored(db: ReturnType<typeof freshDatabase>) {
    const all = await db.customers.toArray();
    return all
      .map((c) => ({
        name: c.name,
        lastContactAt: c.lastContactAt,
        firstVisitAt: c.firstVisitAt,
        expectedPurchaseAt: c.expectedPurchaseAt,
      }))
      .sort((a, b) => EXPECTED.findIndex((e) => e.name === a.name) - EXPECTED.findIndex((e) => e.name === b.name));
  }

  it('on a page capture: relative dates, dates without a year and two-digit years, in preview and store', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => CAPTURE);
    const staged = await sessions.stage({ ...table(DATED), headers: HEADERS });
    const preview = sessions.preview(staged.id)!;
    expect(preview.table.capturedAt).toBe('2026-03-07T10:05');
    expect(preview.mapping.map((m) => m.field)).toEqual([
      'name',
      'phone',
      'lastContactAt',
      'firstVisitAt',
      'expectedPurchaseAt',
    ]);
    const check = checkCapture(preview.table, preview.mapping);
    expect(check.failures).toEqual([]);
    expect(check.assumptions.map((a) => [a.header, a.assumed])).toEqual([
      ['最近跟进', 'relative'],
      ['到店日期', 'yymmdd'],
      ['预计购车时间', 'noYearFuture'],
      ['到店日期', 'noYearPast'],
      ['预计购车时间', 'relative'],
    ]);
    const batch = await sessions.commit(staged.id, undefined, false);
    expect(batch.counts.new).toBe(3);
    expect(await stored(db)).toEqual(EXPECTED);
  });

  it('on a file import: the day the file is imported', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => CAPTURE);
    const csv = [HEADERS, ...DATED].map((r) => r.join(',')).join('\r\n');
    const read = readWorkbook(new TextEncoder().encode(csv), { fileName: '客户.csv' });
    if (!read.ok) throw new Error(read.error.message.en);
    const staged = await sessions.stage(toStagedTable(read.workbook));
    await sessions.commit(staged.id, undefined, false);
    expect(await stored(db)).toEqual(EXPECTED);
  });
});
