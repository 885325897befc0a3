import * as XLSX from 'xlsx';
import { describe, expect, it, vi } from 'vitest';
import { strictUnzip } from './strict-unzip';
import {
  exportFileName,
  GRADE_FORMATS,
  NUMBER_FORMATS,
  readWorkbook,
  safeSheetNames,
  writeCsv,
  writeWorkbook,
  writeXlsx,
  writeXlsxAsync,
  serialOfDay,
  excelSerialOf,
  type SheetColumn,
  type SheetRow,
  type SheetSpec,
} from '../../../lib/sheets';

const COLUMNS: SheetColumn[] = [
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'phone', header: '手机', type: 'phone' },
  { key: 'idNumber', header: '身份证号', type: 'idNumber' },
  { key: 'vin', header: '车架号', type: 'vin' },
  { key: 'grade', header: '意向级别', type: 'grade' },
  { key: 'purchasedAt', header: '购车日期', type: 'date' },
  { key: 'lastContactAt', header: '最近联系', type: 'datetime' },
  { key: 'totalSpend', header: '累计消费', type: 'money' },
  { key: 'serviceVisits', header: '进站次数', type: 'int' },
  { key: 'share', header: '占比', type: 'percent' },
  { key: 'notes', header: '备注', type: 'text' },
];

const ROWS: SheetRow[] = [
  {
    name: '张伟',
    phone: '13800138000',
    idNumber: '110101199003071234',
    vin: 'LSVAU2180N2183294',
    grade: 'H',
    purchasedAt: '2026-11-23',
    lastContactAt: '2026-11-23T14:05',
    totalSpend: -200.5,
    serviceVisits: 3,
    share: 0.25,
    notes: '=HYPERLINK("http://evil.example","点我")',
  },
  {
    name: '李"娜',
    phone: '13912345678',
    idNumber: '44130219880512002X',
    vin: 'LFV2A21K0N3012345',
    grade: '战败',
    purchasedAt: '',
    lastContactAt: null,
    totalSpend: 8560,
    serviceVisits: 0,
    share: 1,
    notes: '周末联系，"请勿"在工作日致电,\n第二行',
  },
];

const SPEC: SheetSpec = { name: '客户分级总表', columns: COLUMNS, rows: ROWS };

function sheetOfXlsx(bytes: Uint8Array, index = 0): XLSX.WorkSheet {
  const wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellStyles: true });
  return wb.Sheets[wb.SheetNames[index]!]!;
}

describe('xlsx export: sheets made for people', () => {
  const ws = sheetOfXlsx(writeXlsx([SPEC]));
  const cell = (a1: string): XLSX.CellObject => ws[a1] as XLSX.CellObject;

  it('has Chinese headers in the first row, with an autofilter over header and data', () => {
    expect(COLUMNS.map((_, c) => cell(XLSX.utils.encode_cell({ r: 0, c })).v)).toEqual(COLUMNS.map((c) => c.header));
    expect(ws['!autofilter']).toEqual({ ref: 'A1:K3' });
  });

  it('keeps phone, ID and VIN as text cells: an 18-digit ID never turns into 1.1E+17', () => {
    for (const a1 of ['B2', 'C2', 'D2', 'C3']) {
      expect(cell(a1).t).toBe('s');
      expect(cell(a1).z).toBe('@');
    }
    expect(cell('C2').v).toBe('110101199003071234');
    expect(cell('C3').v).toBe('44130219880512002X');
  });

  it('writes dates as real Excel dates: number cells with a date format, no time zone drift', () => {
    expect(cell('F2')).toMatchObject({ t: 'n', v: 46349, z: NUMBER_FORMATS.date });
    expect(XLSX.SSF.is_date(cell('F2').z as string)).toBe(true);
    expect(cell('G2').t).toBe('n');
    expect(cell('G2').v).toBeCloseTo(46349 + (14 * 60 + 5) / 1440, 9);
    expect(cell('G2').w).toBe('2026-11-23 14:05');
    expect(cell('F3')).toBeUndefined();
    expect(cell('G3')).toBeUndefined();
  });

  it('writes money as numbers with a number format, and a real negative number stays a number', () => {
    expect(cell('H2')).toMatchObject({ t: 'n', v: -200.5, z: NUMBER_FORMATS.money });
    expect(cell('H3')).toMatchObject({ t: 'n', v: 8560 });
    expect(cell('I3')).toMatchObject({ t: 'n', v: 0 });
    expect(cell('J2')).toMatchObject({ t: 'n', v: 0.25, z: NUMBER_FORMATS.percent });
  });

  it('writes formula-like text as a plain string cell: no formula, text format', () => {
    expect(cell('K2').f).toBeUndefined();
    expect(cell('K2').t).toBe('s');
    expect(cell('K2').v).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(cell('K2').z).toBe('@');
  });

  it('guards a header that looks like a formula too', () => {
    const guarded = sheetOfXlsx(
      writeXlsx([{ name: 'x', columns: [{ key: 'a', header: '-差额', type: 'money' }], rows: [{ a: -5 }] }]),
    );
    expect(guarded.A1).toMatchObject({ t: 's', v: '-差额', z: '@' });
    expect(guarded.A2).toMatchObject({ t: 'n', v: -5 });
  });

  it('colours grade cells through their number format (SheetJS CE writes no fills)', () => {
    expect(cell('E2').z).toBe(GRADE_FORMATS.H);
    expect(cell('E3').z).toBe(GRADE_FORMATS['战败']);
  });

  it('fits column widths to the content, Chinese characters counting double', () => {
    const wch = (ws['!cols'] ?? []).map((c) => c.wch);
    // 18 characters of ID; the header 姓名 (4) and its filter button (2) are wider than 李"娜 (5).
    expect(wch[2]).toBe(19);
    expect(wch[0]).toBe(7);
    // The =HYPERLINK note is 40 columns; the two-line note is as wide as its longer line (29).
    expect(wch[10]).toBe(41);
  });

  it('caps a column of long notes at 50 characters', () => {
    const long = sheetOfXlsx(
      writeXlsx([
        {
          name: 'x',
          columns: [{ key: 'notes', header: '备注', type: 'text' }],
          rows: [{ notes: '很长的备注'.repeat(20) }],
        },
      ]),
    );
    expect(long['!cols']![0]!.wch).toBe(50);
  });

  it('never writes a formula anywhere in the file', () => {
    const xml = XLSX.CFB.find(XLSX.CFB.read(writeXlsx([SPEC]), { type: 'array' }), '/xl/worksheets/sheet1.xml');
    const text = new TextDecoder().decode(xml!.content as Uint8Array);
    expect(text).not.toContain('<f>');
    expect(text).toContain('<autoFilter ref="A1:K3"/>');
  });

  it('masks phone and ID numbers when the manager asks for it', () => {
    const masked = sheetOfXlsx(writeXlsx([SPEC], { mask: { phone: true, idNumber: true } }));
    expect((masked.B2 as XLSX.CellObject).v).toBe('138****8000');
    expect((masked.C2 as XLSX.CellObject).v).toBe('110101********1234');
    expect((masked.D2 as XLSX.CellObject).v).toBe('LSVAU2180N2183294');
  });

  it('an export (writeWorkbook) masks mobiles and ID numbers unless the user chose full numbers, in xlsx and CSV', () => {
    const masked = sheetOfXlsx(writeWorkbook([SPEC], 'xlsx'));
    expect((masked.B2 as XLSX.CellObject).v).toBe('138****8000');
    expect((masked.C2 as XLSX.CellObject).v).toBe('110101********1234');
    const full = sheetOfXlsx(writeWorkbook([SPEC], 'xlsx', { fullNumbers: true }));
    expect((full.B2 as XLSX.CellObject).v).toBe('13800138000');
    expect((full.C2 as XLSX.CellObject).v).toBe('110101199003071234');
    const csv = (o?: { fullNumbers: boolean }) => new TextDecoder().decode(writeWorkbook([SPEC], 'csv', o));
    expect(csv()).toContain('138****8000');
    expect(csv()).not.toContain('13800138000');
    expect(csv()).not.toContain('110101199003071234');
    expect(csv({ fullNumbers: true })).toContain('13800138000');
  });

  it('writes several sheets in order, with names Excel accepts', () => {
    const wb = XLSX.read(
      writeXlsx([
        { ...SPEC, name: '客户分级总表' },
        { ...SPEC, name: 'H' },
        { ...SPEC, name: '跟进/检核' },
      ]),
      { type: 'array' },
    );
    expect(wb.SheetNames).toEqual(['客户分级总表', 'H', '跟进_检核']);
  });

  it('reads a value from a row of another shape through get', () => {
    const customers = [{ fields: { phone: '13800138000' } }];
    const ws2 = sheetOfXlsx(
      writeXlsx([
        {
          name: 'x',
          columns: [{ key: 'phone', header: '手机', type: 'phone', get: (c: (typeof customers)[0]) => c.fields.phone }],
          rows: customers,
        },
      ]),
    );
    expect((ws2.A2 as XLSX.CellObject).v).toBe('13800138000');
  });
});

describe('sheet names', () => {
  it('cuts to 31 characters, replaces []:*?/\\ and keeps names unique', () => {
    expect(safeSheetNames(['a'.repeat(40), 'a'.repeat(40), 'x[1]', ''])).toEqual([
      'a'.repeat(31),
      'a'.repeat(28) + '(2)',
      'x_1_',
      'Sheet4',
    ]);
  });
});

describe('csv export', () => {
  const bytes = writeCsv(SPEC);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

  it('is UTF-8 with a BOM, so Excel on Windows opens Chinese correctly', () => {
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFF姓名,手机,身份证号,车架号,意向级别,购车日期,最近联系,累计消费,进站次数,占比,备注',
    );
  });

  it('neutralises formula-like text with an apostrophe but keeps negative numbers numbers', () => {
    const line = text.split('\r\n')[1]!;
    expect(line).toContain(',"\'=HYPERLINK(""http://evil.example"",""点我"")"');
    expect(line).toContain(',-200.5,');
    expect(line).toContain(',2026-11-23,2026-11-23 14:05,');
  });

  it('gives back every value when read again: quotes, commas, line breaks, IDs', () => {
    const read = readWorkbook(bytes, { fileName: '客户.csv' });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const table = read.workbook.sheets[0]!.table!;
    expect(read.workbook.encoding).toBe('utf-8');
    expect(table.headers).toEqual(COLUMNS.map((c) => c.header));
    expect(table.rows[0]).toEqual([
      '张伟',
      '13800138000',
      '110101199003071234',
      'LSVAU2180N2183294',
      'H',
      '2026-11-23',
      '2026-11-23 14:05',
      '-200.5',
      '3',
      '0.25',
      '=HYPERLINK("http://evil.example","点我")',
    ]);
    expect(table.rows[1]![0]).toBe('李"娜');
    expect(table.rows[1]![10]).toBe('周末联系，"请勿"在工作日致电,\n第二行');
  });

  it('holds one sheet only', () => {
    expect(() => writeWorkbook([SPEC, SPEC], 'csv')).toThrow(/one sheet/);
    expect(writeWorkbook([SPEC], 'csv', { fullNumbers: true })).toEqual(bytes);
  });
});

describe('xlsx round trip', () => {
  it('reads back what was written: text as text, dates as date text lib/mapping parses, money formatted', () => {
    const read = readWorkbook(writeXlsx([SPEC]), { fileName: '客户分级.xlsx' });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const table = read.workbook.sheets[0]!.table!;
    expect(table.headers).toEqual(COLUMNS.map((c) => c.header));
    expect(table.rows[0]).toEqual([
      '张伟',
      '13800138000',
      '110101199003071234',
      'LSVAU2180N2183294',
      'H',
      '2026-11-23',
      '2026-11-23T14:05',
      '-200.50',
      '3',
      '25.0%',
      '=HYPERLINK("http://evil.example","点我")',
    ]);
    expect(table.rows[1]!.slice(5, 8)).toEqual(['', '', '8,560.00']);
  });
});

describe('file names', () => {
  it('names the export and the local day: DealerLens_客户分级_2026-11-23.xlsx', () => {
    expect(exportFileName('客户分级', new Date(2026, 10, 23, 23, 59))).toBe('DealerLens_客户分级_2026-11-23.xlsx');
    expect(exportFileName('待跟进', new Date(2026, 0, 5, 0, 1), 'csv')).toBe('DealerLens_待跟进_2026-01-05.csv');
  });

  it('replaces characters no file system accepts', () => {
    expect(exportFileName('跟进/检核:张三', new Date(2026, 10, 23))).toBe('DealerLens_跟进_检核_张三_2026-11-23.xlsx');
  });
});

describe('freezing the header row', () => {
  const sheetXml = (bytes: Uint8Array, n: number): string => {
    const entry = XLSX.CFB.find(XLSX.CFB.read(bytes, { type: 'array' }), `/xl/worksheets/sheet${n}.xml`);
    return new TextDecoder().decode(entry!.content as Uint8Array);
  };

  it('is off by default', () => {
    expect(sheetXml(writeXlsx([SPEC]), 1)).not.toContain('<pane');
  });

  it('freezes row 1 of every sheet when asked, and the file still reads the same', () => {
    const bytes = writeXlsx([SPEC, { ...SPEC, name: 'H' }], { freezeHeader: true });
    for (const n of [1, 2]) {
      expect(sheetXml(bytes, n)).toContain(
        '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
      );
    }
    const read = readWorkbook(bytes, { fileName: 'a.xlsx' });
    expect(read.ok && read.workbook.sheets.map((s) => s.table?.rows.length)).toEqual([2, 2]);
    expect(read.ok && read.workbook.sheets[0]!.table!.rows[0]![2]).toBe('110101199003071234');
  });
});

describe('the xlsx package', () => {
  const TRICKY: SheetSpec = {
    name: "O'Brien & 子",
    columns: [
      { key: 'a', header: '备注 <1>', type: 'text' },
      { key: 'b', header: '金额', type: 'money' },
    ],
    rows: [
      { a: 'a & b < c > "d"', b: 1 },
      { a: '  前后空格  ', b: 2 },
      { a: 'ctl\u0001x\u001f_x0041_', b: 3 },
      { a: '第一行\n第二行\t制表', b: 4 },
      { a: '表情 😀', b: 5 },
    ],
  };
  const readBack = (bytes: Uint8Array) => XLSX.read(bytes, { type: 'array', cellNF: true });

  it('is a zip a strict reader accepts: every CRC-32 and size checked', async () => {
    for (const bytes of [writeXlsx([SPEC, TRICKY]), await writeXlsxAsync([SPEC, TRICKY])]) {
      const files = strictUnzip(bytes);
      expect([...files.keys()][0]).toBe('[Content_Types].xml');
      expect([...files.keys()]).toEqual(
        expect.arrayContaining([
          'xl/workbook.xml',
          'xl/worksheets/sheet1.xml',
          'xl/worksheets/sheet2.xml',
          'xl/sharedStrings.xml',
          'xl/styles.xml',
        ]),
      );
    }
  });

  it('reads back the same from the native and the JavaScript deflate', async () => {
    const a = readBack(writeXlsx([SPEC, TRICKY], { freezeHeader: true }));
    const b = readBack(await writeXlsxAsync([SPEC, TRICKY], { freezeHeader: true }));
    expect(b.SheetNames).toEqual(a.SheetNames);
    for (const name of a.SheetNames) expect(b.Sheets[name]).toEqual(a.Sheets[name]);
  });

  it('keeps text that needs escaping exactly: markup characters, edge spaces, control characters, line breaks', () => {
    const ws = readBack(writeXlsx([TRICKY])).Sheets["O'Brien & 子"]!;
    const texts = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 }).map((r) => r[0]);
    expect(texts).toEqual(['备注 <1>', ...TRICKY.rows.map((r) => r.a)]);
  });

  it('falls back to the JavaScript deflate where the platform has no CompressionStream', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    try {
      expect(await writeXlsxAsync([SPEC])).toEqual(writeXlsx([SPEC]));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("names each sheet's filter range, quoting the sheet name", () => {
    const wb = readBack(writeXlsx([SPEC, TRICKY]));
    expect(wb.SheetNames).toEqual(['客户分级总表', "O'Brien & 子"]);
    const names = (wb.Workbook?.Names ?? []).filter((n) => n.Name === '_xlnm._FilterDatabase');
    expect(names.map((n) => [n.Sheet, n.Ref])).toEqual([
      [0, "'客户分级总表'!$A$1:$K$3"],
      [1, "'O''Brien & 子'!$A$1:$B$6"],
    ]);
  });

  it('writes a sheet without rows or columns', () => {
    const wb = readBack(
      writeXlsx([
        { name: 'x', columns: [], rows: [] },
        { name: 'y', columns: [{ key: 'a', header: 'A', type: 'text' }], rows: [] },
      ]),
    );
    expect(wb.SheetNames).toEqual(['x', 'y']);
    expect(XLSX.utils.sheet_to_json(wb.Sheets.y!, { header: 1 })).toEqual([['A']]);
  });
});

describe('dates in cells', () => {
  it("reads 'YYYY-MM-DD' exactly as excelSerialOf does, invalid days and early years included", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    for (let y = 1896; y <= 2104; y += 1) {
      for (let m = 0; m <= 13; m++) {
        for (const d of [0, 1, 15, 28, 29, 30, 31, 32]) {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(serialOfDay(text) ?? excelSerialOf(text), text).toBe(excelSerialOf(text));
        }
      }
    }
    for (const time of ['T00:00', 'T14:05', ' 23:59', 'T24:00', 'T12:60', 'T1:05', '_12:00', 'T12-00']) {
      for (const day of ['2026-11-23', '2024-02-29', '2023-02-29', '1900-01-01']) {
        const text = day + time;
        expect(serialOfDay(text) ?? excelSerialOf(text), text).toBe(excelSerialOf(text));
      }
    }
    expect(serialOfDay('2026-11-23')).toBe(46349);
    expect(serialOfDay('2026-11-23T14:05')).toBe(46349 + (14 * 60 + 5) / 1440);
    expect(serialOfDay('2026-1a-23')).toBeUndefined();
  });
});
