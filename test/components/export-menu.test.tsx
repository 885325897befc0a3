/** @vitest-environment happy-dom */
import * as XLSX from 'xlsx';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportMenu, type ExportColumn } from '../../components/export-menu/ExportMenu';
import type { DealerLensDB, StoredCustomer } from '../../lib/db';
import { freshDatabase } from '../lib/db/helpers';
import { buildColumnDefs } from '../../components/customer-grid/columns';
import { exportColumnOf } from '../../components/workbench-app/WorkbenchApp';
import { DEFAULT_RULE_SET } from '../../lib/grading';
import { buildGradedWorkbook } from '../../lib/sheets';
import { customer } from '../factories';
import { freshRoot, unmountRoot } from './mount';

const NOW = new Date(2026, 10, 23, 9);

const STORE = [
  customer('1', {
    name: '张伟',
    phone: '13812345678',
    idNumber: '110101199003071234',
    stage: 'lead',
    lastContactAt: '2026-11-20',
    expectedPurchaseAt: '2026-11-26',
    consultant: '王芳',
    grades: { intent: 'H' },
  }),
  customer('2', {
    name: '王芳',
    phone: '13987654321',
    stage: 'lead',
    lastContactAt: '2026-10-01',
    consultant: '李强',
    grades: { intent: 'C' },
  }),
  customer('3', {
    name: '=cmd',
    phone: '13700000000',
    stage: 'defeated',
    defeatReason: '价格高',
    consultant: '李强',
  }),
];

/** What the grid hands over: its filtered, sorted rows and its visible columns. */
const VIEW_COLUMNS: ExportColumn[] = [
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'phone', header: '手机', type: 'phone' },
  { key: 'idNumber', header: '身份证号', type: 'idNumber' },
  { key: 'grades.intent', header: '意向级别', type: 'grade' },
  { key: 'lastContactAt', header: '最近联系', type: 'date' },
];

let db: DealerLensDB;
let root: Root;
let container: HTMLElement;
let saved: { bytes: Uint8Array; fileName: string; mimeType: string }[];

async function mount(viewRows: () => StoredCustomer[], viewColumns: ExportColumn[] = VIEW_COLUMNS) {
  await act(async () =>
    root.render(
      <ExportMenu
        db={db}
        viewRows={viewRows}
        viewColumns={viewColumns}
        now={() => NOW}
        save={(bytes, fileName, mimeType) => saved.push({ bytes, fileName, mimeType })}
      />,
    ),
  );
}

beforeEach(async () => {
  db = freshDatabase();
  await db.customers.bulkPut(STORE);
  saved = [];
  ({ container, root } = freshRoot());
});

afterEach(() => unmountRoot(root, container));

function button(text: RegExp): HTMLButtonElement {
  const found = Array.from(container.querySelectorAll('button')).find((b) => text.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await act(async () => new Promise((r) => setTimeout(r, 10)));
  expect(check()).toBe(true);
}

const sheetRows = (bytes: Uint8Array, sheet?: string) => {
  const wb = XLSX.read(bytes, { type: 'array' });
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet ?? wb.SheetNames[0]!]!, { header: 1, defval: '' });
};

describe('the export menu', () => {
  it('exports what the view shows: its rows in its order, its columns, as .xlsx', async () => {
    await mount(() => [STORE[1]!, STORE[0]!]);
    await click(button(/导出/));
    await click(button(/当前视图 \(\.xlsx\)/));
    await until(() => saved.length === 1);
    expect(saved[0]!.fileName).toBe('DealerLens_客户列表_2026-11-23.xlsx');
    const rows = sheetRows(saved[0]!.bytes);
    expect(rows[0]).toEqual(['姓名', '手机', '身份证号', '意向级别', '最近联系']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['王芳', '139****4321', 'C'],
      ['张伟', '138****5678', 'H'],
    ]);
  });

  it('exports the view as CSV (UTF-8 with a BOM, formula-like text neutralised)', async () => {
    await mount(() => [STORE[2]!]);
    await click(button(/导出/));
    await click(button(/当前视图 \(\.csv\)/));
    await until(() => saved.length === 1);
    expect(saved[0]!.fileName).toMatch(/\.csv$/);
    expect([...saved[0]!.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(saved[0]!.bytes);
    expect(text).toContain("'=cmd,137****0000");
  });

  it('masks mobiles and ID numbers by default, says why, and writes them in full only when 导出完整号码 is ticked', async () => {
    await mount(() => [STORE[0]!]);
    await click(button(/导出/));
    const full = container.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(full.closest('label')!.textContent).toContain('导出完整号码');
    expect(full.checked).toBe(false);
    const note = container.querySelector(`#${full.getAttribute('aria-describedby')}`)!.textContent!;
    expect(note).toContain('个人信息保护法');
    expect(note).toContain('备份');
    await click(button(/当前视图 \(\.xlsx\)/));
    await until(() => saved.length === 1);
    expect(sheetRows(saved[0]!.bytes)[1]!.slice(1, 3)).toEqual(['138****5678', '110101********1234']);

    await click(button(/导出/));
    await click(container.querySelector<HTMLInputElement>('input[type=checkbox]')!);
    await click(button(/当前视图 \(\.csv\)/));
    await until(() => saved.length === 2);
    const csv = new TextDecoder().decode(saved[1]!.bytes);
    expect(csv).toContain('13812345678');
    expect(csv).toContain('110101199003071234');
  });

  it('exports the graded workbook of every stored customer, named by the day', async () => {
    await mount(() => []);
    await click(button(/导出/));
    await click(button(/分级工作簿/));
    await until(() => saved.length === 1);
    expect(saved[0]!.fileName).toBe('DealerLens_客户分级_2026-11-23.xlsx');
    const wb = XLSX.read(saved[0]!.bytes, { type: 'array' });
    expect(wb.SheetNames[0]).toBe('客户分级总表');
    expect(wb.SheetNames).toContain('流失');
    expect(sheetRows(saved[0]!.bytes, '客户分级总表')).toHaveLength(1 + STORE.length);
  });

  it('says so when the view has no rows, and saves nothing', async () => {
    await mount(() => []);
    await click(button(/导出/));
    await click(button(/当前视图 \(\.xlsx\)/));
    await until(() => container.querySelector('[role=alert]') !== null);
    expect(container.querySelector('[role=alert]')!.textContent).toMatch(/没有数据/);
    expect(saved).toHaveLength(0);
  });
});

/** The grid's own columns, as the workbench hands them to the export (WorkbenchApp's viewColumns). */
function gridColumns(locale: 'zh' | 'en', ids: string[]): ExportColumn[] {
  const defs = buildColumnDefs({ locale, revealed: () => true, reasonOf: () => undefined });
  return ids.map((id) =>
    exportColumnOf(
      defs.find((d) => d.colId === id)!,
      id,
    ),
  );
}

const SEEN = customer('9', {
  name: '赵六',
  phone: '13600000000',
  stage: 'owner',
  lastContactAt: '2026-11-20',
  firstVisitAt: '2026-11-02T15:30',
  extra: { 固定电话: '0752-2345678', 客户来源: '车展' },
  grades: {
    intent: 'M',
    aftersales: 'outOfWarranty',
    churn: 'neverServiced',
    value: 'insufficient',
    satisfaction: 'n/a',
    serviceDueAt: '2026-12-01',
    nextDueAt: '2026-11-25',
  },
});
const IDS = [
  'name',
  'stage',
  'grades.intent',
  'grades.aftersales',
  'grades.churn',
  'grades.value',
  'grades.satisfaction',
  'satisfaction',
  'grades.serviceDueAt',
  'grades.nextDueAt',
  'lastContactAt',
  'firstVisitAt',
];
const IDS_WRITTEN = ['n/a', 'insufficient', 'neverServiced', 'sanbao', 'outOfWarranty', 'churned', 'owner', 'lead'];

describe('the view export writes what the grid shows', () => {
  it.each(['zh', 'en'] as const)(
    "grade and stage labels in the user's language (%s), never grade ids",
    async (locale) => {
      const columns = gridColumns(locale, IDS);
      const defs = buildColumnDefs({ locale, revealed: () => true, reasonOf: () => undefined });
      await mount(() => [SEEN], columns);
      await click(button(/导出/));
      await click(button(/当前视图 \(\.xlsx\)/));
      await until(() => saved.length === 1);
      const [header, row] = sheetRows(saved[0]!.bytes);
      for (const id of IDS_WRITTEN) expect(row).not.toContain(id);
      // Each grade cell holds the text the grid's own formatter shows for it.
      const shown = (id: string, value: unknown) =>
        (defs.find((d) => d.colId === id)!.valueFormatter as (p: { value: unknown }) => string)({ value });
      expect(row![header!.indexOf(columns[3]!.header)]).toBe(shown('grades.aftersales', 'outOfWarranty'));
      expect(row![header!.indexOf(columns[4]!.header)]).toBe(shown('grades.churn', 'neverServiced'));
      expect(row![header!.indexOf(columns[5]!.header)]).toBe(shown('grades.value', 'insufficient'));
      expect(row![header!.indexOf(columns[6]!.header)]).toBe(shown('grades.satisfaction', 'n/a'));
      expect(row![header!.indexOf(columns[1]!.header)]).toBe(shown('stage', 'owner'));
      if (locale === 'zh') expect(row![header!.indexOf(columns[3]!.header)]).toMatch(/[\u4e00-\u9fff]/);
      else expect(row![header!.indexOf(columns[3]!.header)]).toMatch(/^[\x20-\x7e]+$/);
    },
  );

  it('writes the same labels to CSV', async () => {
    await mount(() => [SEEN], gridColumns('zh', IDS));
    await click(button(/导出/));
    await click(button(/当前视图 \(\.csv\)/));
    await until(() => saved.length === 1);
    const text = new TextDecoder().decode(saved[0]!.bytes);
    for (const id of ['neverServiced', 'outOfWarranty', 'insufficient', 'n/a']) expect(text).not.toContain(id);
  });

  it('writes every date as a real date cell, days without 00:00', async () => {
    const columns = gridColumns('zh', IDS);
    await mount(() => [SEEN], columns);
    await click(button(/导出/));
    await click(button(/当前视图 \(\.xlsx\)/));
    await until(() => saved.length === 1);
    const ws = XLSX.read(saved[0]!.bytes, { type: 'array', cellNF: true }).Sheets['客户列表']!;
    const cellOf = (header: string) => {
      const c = columns.findIndex((col) => col.header === header);
      return ws[XLSX.utils.encode_cell({ r: 1, c })] as XLSX.CellObject;
    };
    for (const header of ['预计进站', '下次跟进', '最近联系']) {
      expect(cellOf(header).t, header).toBe('n');
      expect(cellOf(header).z, header).toBe('yyyy-mm-dd');
    }
    expect(cellOf('预计进站').v).toBe(46357); // 2026-12-01
    // A date and time keeps its time.
    expect(cellOf(columns.find((c) => c.key === 'firstVisitAt')!.header).z).toBe('yyyy-mm-dd hh:mm');
  });

  it("names the satisfaction grade and the portal's satisfaction apart", async () => {
    await mount(() => [SEEN], gridColumns('zh', IDS));
    await click(button(/导出/));
    await click(button(/当前视图 \(\.xlsx\)/));
    await until(() => saved.length === 1);
    const header = sheetRows(saved[0]!.bytes)[0]!;
    expect(header.filter((h, i) => header.indexOf(h) !== i)).toEqual([]);
    expect(header).toContain('满意度分级');
    expect(header).toContain('满意度');
  });

  it('carries the columns kept as extra fields (固定电话 …), which the grid has no column for', async () => {
    await mount(() => [STORE[0]!, SEEN], gridColumns('zh', ['name', 'phone']));
    await click(button(/导出/));
    await click(button(/当前视图 \(\.xlsx\)/));
    await until(() => saved.length === 1);
    const rows = sheetRows(saved[0]!.bytes);
    expect(rows[0]).toEqual(['姓名', '手机', '固定电话', '客户来源']);
    expect(rows[2]).toEqual(['赵六', '136****0000', '0752-2345678', '车展']);
  });
});

describe('the graded workbook', () => {
  it('carries the extra fields in its summary sheet, and names the satisfaction grade apart', () => {
    const sheets = buildGradedWorkbook([STORE[0]!, SEEN], { ruleSet: DEFAULT_RULE_SET, now: NOW });
    const headers = sheets[0]!.columns.map((c) => c.header);
    expect(headers.slice(-2)).toEqual(['固定电话', '客户来源']);
    expect(headers.filter((h, i) => headers.indexOf(h) !== i)).toEqual([]);
    expect(headers).toContain('满意度分级');
    const get = sheets[0]!.columns.at(-2)!.get!;
    expect(sheets[0]!.rows.map((r) => get(r))).toEqual([undefined, '0752-2345678']);
  });
});
