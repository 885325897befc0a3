import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { inflatesTooMuch, zipDirectoryLies } from '../../../lib/sheets/kind';
import { lookupHeader, parseDate, parseMoney, suggestMapping } from '../../../lib/mapping';
import {
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  MAX_DATA_ROWS,
  readWorkbook,
  toStagedTable,
  writeXlsx,
  type ReadResult,
  type ReadWorkbook,
  type SheetsErrorCode,
} from '../../../lib/sheets';
import {
  encodeGbk,
  encryptedXlsx,
  zipBombXlsx,
  lyingZipXlsx,
  GBK_CSV_TEXT,
  truncatedXlsx,
  twoSheetXlsx,
  UNTIDY_CUSTOMERS,
  untidyXls,
  untidyXlsx,
} from '../../fixtures/sheets/files';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function workbookOf(result: ReadResult): ReadWorkbook {
  if (!result.ok) throw new Error(`expected a workbook, got ${result.error.code}: ${result.error.message.en}`);
  return result.workbook;
}

function errorOf(result: ReadResult): SheetsErrorCode {
  if (result.ok) throw new Error('expected an error, got a workbook');
  expect(result.error.message.zh.length).toBeGreaterThan(0);
  expect(result.error.message.en.length).toBeGreaterThan(0);
  return result.error.code;
}

function xlsxOf(
  rows: (XLSX.CellObject | string | number | undefined)[][],
  extra: Partial<XLSX.WorkSheet> = {},
): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  Object.assign(ws, extra);
  return new Uint8Array(
    XLSX.write({ SheetNames: ['Sheet1'], Sheets: { Sheet1: ws } }, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer,
  );
}

describe.each([
  ['.xlsx', untidyXlsx, 'xlsx'],
  ['.xls (BIFF8)', untidyXls, 'xls'],
] as const)('an untidy portal export as %s', (_label, make, format) => {
  const workbook = workbookOf(readWorkbook(make(), { fileName: `保有客户.${format}` }));
  const sheet = workbook.sheets[workbook.defaultSheet]!;
  const table = sheet.table!;

  it('lists every sheet and picks the data sheet, not the notes sheet before it', () => {
    expect(workbook.format).toBe(format);
    expect(workbook.sheets.map((s) => s.name)).toEqual(['说明', '客户明细']);
    expect(sheet.name).toBe('客户明细');
    expect(workbook.sheets[0]!.problem?.code).toBe('noHeader');
    expect(workbook.chooseSheet).toBe(false);
  });

  it('finds the header below the merged title, the export time and the blank rows', () => {
    expect(table.headerRowIndex).toBe(4);
    expect(table.headerRowCount).toBe(2);
    expect(table.dataRange).toBe('B5:J10');
    expect(table.notes.find((n) => n.kind === 'title')?.rows).toEqual([0, 2]);
  });

  it('combines two header rows: the leaf alone where unique, group-leaf where a leaf repeats', () => {
    expect(table.headers).toEqual([
      '姓名',
      '手机',
      '身份证号',
      '车型',
      '车架号',
      '车辆信息-日期',
      '服务信息-日期',
      '行驶里程(km)',
      '累计消费（元）',
    ]);
  });

  it('drops the 序号 column, the blank row, the 合计 row and the sign-off line', () => {
    expect(table.rows.map((r) => r[0])).toEqual(UNTIDY_CUSTOMERS.map((c) => c.name));
    expect(table.rowIndexes).toEqual([6, 7, 9]);
    expect(table.notes.map((n) => n.kind).sort()).toEqual([
      'blankRows',
      'footer',
      'groupHeader',
      'rowNumberColumn',
      'title',
      'totalRow',
    ]);
    expect(table.notes.find((n) => n.kind === 'totalRow')?.rows).toEqual([10]);
  });

  it('reads phone numbers stored as numbers as their digits and IDs as text', () => {
    expect(table.rows.map((r) => r[1])).toEqual(UNTIDY_CUSTOMERS.map((c) => c.phone));
    expect(table.rows.map((r) => r[2])).toEqual(UNTIDY_CUSTOMERS.map((c) => c.id));
  });

  it('reads Excel date cells and dates typed as text so that lib/mapping parses both', () => {
    expect(table.rows.map((r) => r[5])).toEqual(UNTIDY_CUSTOMERS.map((c) => c.bought));
    expect(table.rows.map((r) => parseDate(r[6]!))).toEqual(
      UNTIDY_CUSTOMERS.map((c) => ({ ok: true, value: c.service })),
    );
  });

  it('keeps units in headers, and lib/mapping still knows the fields', () => {
    expect(lookupHeader('行驶里程(km)')?.field).toBe('mileageKm');
    expect(lookupHeader('累计消费（元）')?.field).toBe('totalSpend');
    expect(table.rows.map((r) => r[8])).toEqual(UNTIDY_CUSTOMERS.map((c) => c.spend));
    expect(parseMoney(table.rows[1]![8]!)).toEqual({ ok: true, value: 23400.5 });
  });

  it('feeds the same mapping step as a page capture', () => {
    const staged = toStagedTable(workbook);
    expect(staged.headers).toBe(table.headers);
    expect(staged.rows).toBe(table.rows);
    expect(staged.rowLinks).toEqual([null, null, null]);
    expect(new URL(staged.pageUrl).origin).toBe('null'); // profiles match a file by header signature
    expect(staged.pageTitle).toBe(`保有客户.${format} · 客户明细`);
    const fields = suggestMapping(staged.headers, staged.rows).map((m) => m.field);
    expect(fields).toEqual(
      expect.arrayContaining(['name', 'phone', 'idNumber', 'vehicleModel', 'vin', 'mileageKm', 'totalSpend']),
    );
  });
});

describe('several sheets', () => {
  const workbook = workbookOf(readWorkbook(twoSheetXlsx(), { fileName: '客户.xlsx' }));

  it('returns them all and flags that the user picks one', () => {
    expect(workbook.chooseSheet).toBe(true);
    expect(workbook.sheets.map((s) => [s.name, s.table?.rows.length ?? s.problem?.code])).toEqual([
      ['战败', 1],
      ['潜客', 2],
      ['空白', 'noHeader'],
    ]);
  });

  it('preselects the sheet whose headers lib/mapping knows best', () => {
    expect(workbook.sheets[workbook.defaultSheet]!.name).toBe('潜客');
  });

  it('never preselects a hidden sheet', () => {
    const wb = XLSX.read(twoSheetXlsx(), { type: 'array' });
    wb.Workbook = {
      Sheets: [
        { name: '战败', Hidden: 0 },
        { name: '潜客', Hidden: 1 },
        { name: '空白', Hidden: 0 },
      ],
    };
    const bytes = new Uint8Array(XLSX.write(wb, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);
    const read = workbookOf(readWorkbook(bytes, { fileName: 'x.xlsx' }));
    expect(read.sheets[1]!.hidden).toBe(true);
    expect(read.sheets[read.defaultSheet]!.name).toBe('战败');
  });
});

describe('cells as text', () => {
  it('keeps leading zeros, gives phone numbers as digits whatever their format, and dates as wall time', () => {
    const bytes = xlsxOf([
      ['客户编号', '手机', '最近联系', '邮编'],
      [
        { t: 's', v: '000123' },
        { t: 'n', v: 13800138000 },
        { t: 'n', v: 46349.5, z: 'yyyy/m/d h:mm' },
        { t: 'n', v: 516001, z: '000000' },
      ],
      [
        { t: 's', v: '000124' },
        { t: 'n', v: 13912345678, z: '0' },
        { t: 'n', v: 46349, z: 'm/d/yy' },
        { t: 'n', v: 5160, z: '000000' },
      ],
      [
        { t: 's', v: '000125' },
        { t: 'n', v: 13700001111, z: '0.00E+00' },
        { t: 'n', v: 46349.25, z: 'yyyy"年"m"月"d"日"' },
        { t: 'n', v: 516000.5, z: '#,##0.00' },
      ],
    ]);
    const rows = workbookOf(readWorkbook(bytes, { fileName: 'a.xlsx' })).sheets[0]!.table!.rows;
    expect(rows).toEqual([
      ['000123', '13800138000', '2026-11-23T12:00', '516001'],
      ['000124', '13912345678', '2026-11-23', '005160'],
      ['000125', '13700001111', '2026-11-23', '516,000.50'],
    ]);
  });

  it('gives a merged consultant name to every row it covers', () => {
    const bytes = xlsxOf(
      [
        ['销售顾问', '姓名'],
        ['王五', '张伟'],
        [undefined, '李娜'],
      ],
      { '!merges': [XLSX.utils.decode_range('A2:A3')] },
    );
    expect(workbookOf(readWorkbook(bytes, { fileName: 'a.xlsx' })).sheets[0]!.table!.rows).toEqual([
      ['王五', '张伟'],
      ['王五', '李娜'],
    ]);
  });

  it('reads an HTML table saved with an .xls name, as some portals export', () => {
    const html =
      '<html><body><table><tr><th>姓名</th><th>手机</th></tr><tr><td>张伟</td><td>13800138000</td></tr><tr><td>李娜</td><td>00123</td></tr></table></body></html>';
    const workbook = workbookOf(readWorkbook(utf8(html), { fileName: 'export.xls' }));
    expect(workbook.format).toBe('html');
    expect(workbook.sheets[0]!.table!.rows).toEqual([
      ['张伟', '13800138000'],
      ['李娜', '00123'],
    ]);
  });
});

describe('CSV files', () => {
  it('detects GBK, as Chinese Excel saves "CSV (逗号分隔)"', () => {
    const workbook = workbookOf(readWorkbook(encodeGbk(GBK_CSV_TEXT), { fileName: '客户.csv' }));
    expect(workbook.encoding).toBe('gbk');
    expect(workbook.sheets[0]!.name).toBe('客户');
    expect(workbook.sheets[0]!.table!.headers).toEqual(['客户姓名', '手机号码', '意向级别', '备注']);
    expect(workbook.sheets[0]!.table!.rows[0]).toEqual(['张伟', '13800138000', 'H', '周末联系,勿打扰']);
  });

  it('reads UTF-8 with and without a BOM, and UTF-16 with one', () => {
    const text = '姓名,手机\r\n张伟,13800138000\r\n';
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer),
    ]);
    for (const [bytes, encoding] of [
      [utf8(text), 'utf-8'],
      [utf8('\uFEFF' + text), 'utf-8'],
      [utf16, 'utf-16le'],
    ] as const) {
      const workbook = workbookOf(readWorkbook(bytes, { fileName: 'a.csv' }));
      expect(workbook.encoding).toBe(encoding);
      expect(workbook.sheets[0]!.table!.headers).toEqual(['姓名', '手机']);
      expect(workbook.sheets[0]!.table!.rows).toEqual([['张伟', '13800138000']]);
    }
  });

  it('finds a header below a title line and combines a group row written once per group', () => {
    const csv = [
      '客户明细表,,,,',
      ',客户信息,,车辆信息,',
      '序号,姓名,日期,车型,日期',
      '1,张伟,2026-01-02,朗逸,2024-03-05',
      '2,李娜,2026-01-03,速腾,2023-12-01',
      '合计,2,,,',
    ].join('\n');
    const table = workbookOf(readWorkbook(utf8(csv), { fileName: 'a.csv' })).sheets[0]!.table!;
    expect(table.headerRowIndex).toBe(1);
    expect(table.headers).toEqual(['姓名', '客户信息-日期', '车型', '车辆信息-日期']);
    expect(table.rows).toEqual([
      ['张伟', '2026-01-02', '朗逸', '2024-03-05'],
      ['李娜', '2026-01-03', '速腾', '2023-12-01'],
    ]);
  });

  it('takes a header row with a long explanation in one cell, and drops a 共 N 条 line but not a customer called Summer', () => {
    const csv = [
      '姓名,手机,备注（请填写客户的详细情况，包括到店次数、关注的车型、预算和家庭情况等）',
      'Summer,13800138000,',
      'Total: 2,,',
      '共 2 条,,',
    ].join('\n');
    const table = workbookOf(readWorkbook(utf8(csv), { fileName: 'a.csv' })).sheets[0]!.table!;
    expect(table.headerRowIndex).toBe(0);
    expect(table.rows).toEqual([['Summer', '13800138000', '']]);
    expect(table.notes.find((n) => n.kind === 'totalRow')?.rows).toEqual([2, 3]);
  });

  it('drops the summary rows of a report grouped by consultant and a 编号 column counting 1..n, as a page capture does', () => {
    const csv = [
      '编号,销售顾问,姓名,手机,级别',
      '1,王芳,张伟,13812345678,H',
      '2,王芳,李娜,13987654321,A',
      ',王芳,小计,2,',
      '3,刘洋,赵磊,13700001111,B',
      ',刘洋 小计,,1,',
      ',总计,,3,',
    ].join('\n');
    const table = workbookOf(readWorkbook(utf8(csv), { fileName: 'a.csv' })).sheets[0]!.table!;
    expect(table.headers).toEqual(['销售顾问', '姓名', '手机', '级别']);
    expect(table.rows.map((r) => r[1])).toEqual(['张伟', '李娜', '赵磊']);
    expect(table.notes.find((n) => n.kind === 'totalRow')?.rows).toEqual([3, 5, 6]);
  });

  it('reads tab-separated text too', () => {
    const table = workbookOf(readWorkbook(utf8('姓名\t手机\n张伟\t13800138000\n'), { fileName: 'a.txt' })).sheets[0]!
      .table!;
    expect(table.rows).toEqual([['张伟', '13800138000']]);
  });

  it('unwraps Excel\'s ="..." text trick for IDs', () => {
    const table = workbookOf(
      readWorkbook(utf8('姓名,身份证号\n张伟,"=""110101199003071234"""\n'), { fileName: 'a.csv' }),
    ).sheets[0]!.table!;
    expect(table.rows).toEqual([['张伟', '110101199003071234']]);
  });
});

describe('bad files: a clear error and nothing partial', () => {
  it('an empty file', () => {
    expect(errorOf(readWorkbook(new Uint8Array(0), { fileName: 'a.xlsx' }))).toBe('empty');
    expect(errorOf(readWorkbook(utf8('\r\n  \r\n'), { fileName: 'a.csv' }))).toBe('empty');
  });

  it('a password-protected workbook', () => {
    expect(errorOf(readWorkbook(encryptedXlsx(), { fileName: 'a.xlsx' }))).toBe('encrypted');
  });

  it('a zip bomb: a well-formed workbook whose sheet inflates to 80 MB at ~1000:1 is refused before it is inflated', () => {
    const bomb = zipBombXlsx(80 << 20);
    expect(bomb.length).toBeLessThan(1 << 20);
    const result = readWorkbook(bomb, { fileName: 'a.xlsx' });
    expect(errorOf(result)).toBe('inflatesTooMuch');
    if (!result.ok) expect(result.error.message.en).toMatch(/refused/);
  });

  it.each(['both-say-small', 'directory-says-small', 'data-runs-on'] as const)(
    'a zip whose headers lie about a sheet that inflates to 80 MB (%s) is refused before it is inflated',
    (lie) => {
      const file = lyingZipXlsx(80 << 20, lie);
      // The size check alone trusts the directory: it lets this file through.
      expect(inflatesTooMuch(file)).toBe(false);
      expect(zipDirectoryLies(file)).toBe(true);
      const result = readWorkbook(file, { fileName: 'a.xlsx' });
      expect(errorOf(result)).toBe('zipDirectoryLies');
      if (!result.ok) {
        expect(result.error.message.zh).toContain('压缩目录与内容对不上');
        expect(result.error.message.en).toMatch(/refused/);
      }
    },
  );

  it('workbooks as SheetJS writes them (deflated or stored) and packages of the DealerLens zip writer are not taken for liars', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['姓名', '手机'],
        ['张伟', '13800138000'],
      ]),
      '客户',
    );
    for (const compression of [true, false]) {
      const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression }) as ArrayBuffer);
      expect(zipDirectoryLies(bytes)).toBe(false);
    }
    expect(zipDirectoryLies(new Uint8Array(zipBombXlsx(1 << 16)))).toBe(false);
  });

  it('a corrupt workbook: a download cut off halfway', () => {
    expect(errorOf(readWorkbook(truncatedXlsx(), { fileName: 'a.xlsx' }))).toBe('corrupt');
  });

  it('text most of whose bytes neither UTF-8 nor GBK can read', () => {
    const bytes = new Uint8Array([
      ...encodeGbk('姓名,手机\r\n'),
      ...Array.from({ length: 200 }, () => 0xff),
      0x0d,
      0x0a,
    ]);
    const result = readWorkbook(bytes, { fileName: 'a.csv' });
    expect(errorOf(result)).toBe('encoding');
  });

  it('a sheet with no header row', () => {
    expect(errorOf(readWorkbook(utf8('1,2,3\n4,5,6\n'), { fileName: 'a.csv' }))).toBe('noHeader');
  });

  it('a header with no data', () => {
    expect(errorOf(readWorkbook(utf8('姓名,手机\n'), { fileName: 'a.csv' }))).toBe('noData');
  });

  it('a 1 MB cell in the only data row: nothing to import, naming the cell', () => {
    const result = readWorkbook(utf8(`姓名,备注\n张伟,"${'长'.repeat(1_000_000)}"\n`), { fileName: 'a.csv' });
    expect(errorOf(result)).toBe('cellTooLong');
    expect(!result.ok && result.error.cell).toBe('B2');
    expect(MAX_CELL_CHARS).toBe(32_767);
  });

  it('10,000 columns', () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `列${i}`).join(',');
    const row = Array.from({ length: 10_000 }, (_, i) => String(i)).join(',');
    expect(errorOf(readWorkbook(utf8(`${header}\n${row}\n`), { fileName: 'a.csv' }))).toBe('tooManyColumns');
    expect(MAX_COLUMNS).toBeLessThan(10_000);
  });

  it('names the sheet when one of several sheets is the problem', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[1, 2]]), '数字');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['姓名'], ['张伟']]), '客户');
    const bytes = new Uint8Array(XLSX.write(wb, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);
    const result = readWorkbook(bytes, { fileName: 'a.xlsx' });
    expect(errorOf(result)).toBe('noHeader');
    expect(!result.ok && result.error.sheet).toBe('数字');
  });
});

describe('the row limit', () => {
  const csvOf = (rows: number): Uint8Array => {
    const lines = ['姓名,手机,意向级别'];
    for (let i = 0; i < rows; i++) lines.push(`客户${i},138${String(i).padStart(8, '0')},H`);
    return utf8(lines.join('\n'));
  };

  it(`takes a file of exactly ${MAX_DATA_ROWS.toLocaleString('en')} rows`, () => {
    expect(MAX_DATA_ROWS).toBe(100_000);
    const table = workbookOf(readWorkbook(csvOf(MAX_DATA_ROWS), { fileName: 'a.csv' })).sheets[0]!.table!;
    expect(table.rows.length).toBe(MAX_DATA_ROWS);
    expect(table.rows[MAX_DATA_ROWS - 1]).toEqual(['客户99999', '13800099999', 'H']);
  });

  it('refuses one row more, in a CSV', () => {
    expect(errorOf(readWorkbook(csvOf(MAX_DATA_ROWS + 1), { fileName: 'a.csv' }))).toBe('tooManyRows');
  });

  it('refuses a workbook far longer than the limit without reading it all', () => {
    const rows: (string | number)[][] = [['姓名', '手机']];
    for (let i = 0; i < MAX_DATA_ROWS + 2_000; i++) rows.push(['客户', 13800000000 + i]);
    expect(errorOf(readWorkbook(xlsxOf(rows), { fileName: 'a.xlsx' }))).toBe('tooManyRows');
  }, 60_000);
});

/** Deterministic bytes (a linear congruential generator): "random" but the same every run. */
function noise(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function zipOf(entries: Record<string, string | Uint8Array>): Uint8Array {
  const zip = XLSX.CFB.utils.cfb_new({ fileType: 'zip' } as never);
  for (const [name, content] of Object.entries(entries))
    XLSX.CFB.utils.cfb_add(zip, name, typeof content === 'string' ? utf8(content) : content);
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' } as never) as ArrayBuffer);
}

function cfbOf(streams: string[]): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const name of streams) XLSX.CFB.utils.cfb_add(cfb, name, noise(5000));
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayBuffer);
}

const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => new Uint8Array(parts.flatMap((p) => [...p]));

describe('a file that is neither a spreadsheet nor text', () => {
  const PDF = concat(
    utf8('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 4000 /Filter /FlateDecode >>\nstream\n'),
    noise(4000),
    utf8('\nendstream\nendobj\n'),
  );
  const PNG = concat(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52],
    noise(3000),
  );
  const JPEG = concat([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46], noise(3000));
  const cases: [string, Uint8Array, string, string][] = [
    ['random bytes named .xlsx', noise(20_000), 'a.xlsx', '二进制文件'],
    ['random bytes named .csv', noise(20_000, 99), 'a.csv', '二进制文件'],
    ['a PDF renamed .xls', PDF, '客户.xls', 'PDF 文档'],
    ['a PNG renamed .xls', PNG, '客户.xls', '图片'],
    ['a JPEG renamed .xlsx', JPEG, '客户.xlsx', '图片'],
    ['a zip of photos named .xlsx', zipOf({ 'IMG_0001.jpg': JPEG, 'IMG_0002.jpg': PNG }), 'a.xlsx', '压缩包'],
    [
      'a Word document (.docx) named .xlsx',
      zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
      'a.xlsx',
      'Word 文档',
    ],
    ['a Word 97-2003 document named .xls', cfbOf(['WordDocument', '1Table']), 'a.xls', 'Word 文档'],
    ['a gzip named .csv', concat([0x1f, 0x8b, 0x08, 0x00], noise(2000)), 'a.csv', '压缩包'],
  ];

  it.each(cases)(
    '%s: says it is not an Excel or CSV file, and what it is, never blaming the text encoding',
    (_label, bytes, fileName, kind) => {
      const result = readWorkbook(bytes, { fileName });
      expect(errorOf(result)).toBe('notSpreadsheet');
      if (result.ok) return;
      expect(result.error.message.zh).toContain('不是 Excel 或 CSV 文件');
      expect(result.error.message.zh).toContain(kind);
      expect(result.error.message.en).toContain('not an Excel or CSV file');
      expect(result.error.message.zh).not.toMatch(/编码|UTF-8/);
      expect(result.error.message.en).not.toMatch(/encoding|UTF-8/);
    },
  );

  it('still reads a CSV with a stray control character in a note', () => {
    const table = workbookOf(
      readWorkbook(utf8('姓名,手机,备注\n张伟,13800138000,"周末\u0007联系"\n'), { fileName: 'a.csv' }),
    ).sheets[0]!.table!;
    expect(table.rows).toHaveLength(1);
  });
});

describe('text with a few undecodable bytes', () => {
  const LINES = [
    '姓名,手机,意向车型,备注',
    ...Array.from(
      { length: 12 },
      (_, i) => `客户${'甲乙丙丁戊己庚辛壬癸子丑'[i]},1380013${String(8000 + i)},朗逸,到店看车`,
    ),
  ];

  /** The file's lines with one invalid byte pair put into the 备注 of the given data rows (0-based). */
  function damaged(encode: (text: string) => Uint8Array, bad: number[], rows: number[]): Uint8Array {
    const parts: (Uint8Array | number[])[] = [];
    LINES.forEach((line, i) => {
      parts.push(encode(line));
      if (rows.includes(i - 1)) parts.push(bad);
      parts.push([0x0d, 0x0a]);
    });
    return concat(...parts);
  }

  it.each([
    ['GBK with three invalid bytes', 'gbk', damaged(encodeGbk, [0xff], [2, 5, 9])],
    ['UTF-8 with three invalid sequences', 'utf-8', damaged(utf8, [0xe4, 0xbd], [2, 5, 9])],
    ['UTF-8 with a lone continuation byte', 'utf-8', damaged(utf8, [0x80], [2, 5, 9])],
  ] as const)(
    '%s: imports, and names the rows holding them with the replacement character visible',
    (_label, encoding, bytes) => {
      const workbook = workbookOf(readWorkbook(bytes, { fileName: '客户.csv' }));
      expect(workbook.encoding).toBe(encoding);
      expect(workbook.invalidBytes).toBe(3);
      const sheet = workbook.sheets[0]!;
      expect(sheet.table!.rows).toHaveLength(12);
      expect(sheet.damagedRows).toEqual([2, 5, 9]);
      // Row numbers as the file shows them: the header is row 1.
      expect(sheet.damagedRows.map((i) => sheet.table!.rowIndexes[i]! + 1)).toEqual([4, 7, 11]);
      for (const i of sheet.damagedRows) expect(sheet.table!.rows[i]![3]).toContain('\ufffd');
      expect(sheet.table!.rows[0]![0]).toBe('客户甲');
      // The user's choice: import them as they are, or leave them out.
      expect(toStagedTable(workbook).rows).toHaveLength(12);
      const dropped = toStagedTable(workbook, 0, { dropDamaged: true });
      expect(dropped.rows).toHaveLength(9);
      expect(dropped.rows.some((r) => r.join('').includes('\ufffd'))).toBe(false);
      expect(dropped.rowLinks).toHaveLength(9);
    },
  );

  it('a clean file has no damaged rows, even one holding U+FFFD written on purpose', () => {
    const workbook = workbookOf(readWorkbook(utf8('姓名,手机\n张伟\ufffd,13800138000\n'), { fileName: 'a.csv' }));
    expect(workbook.invalidBytes).toBe(0);
    expect(workbook.sheets[0]!.damagedRows).toEqual([]);
  });
});

describe("a cell over Excel's 32,767 characters", () => {
  const long = '长'.repeat(MAX_CELL_CHARS + 1);

  it('in a CSV: that row alone is refused, by its row number; the rest imports', () => {
    const csv = ['姓名,手机,备注', '张伟,13800138000,', `李娜,13900139000,"${long}"`, '王五,13700137000,老客户'].join(
      '\n',
    );
    const workbook = workbookOf(readWorkbook(utf8(csv), { fileName: 'a.csv' }));
    const sheet = workbook.sheets[0]!;
    expect(sheet.table!.rows.map((r) => r[0])).toEqual(['张伟', '王五']);
    expect(sheet.table!.rowIndexes).toEqual([1, 3]);
    expect(sheet.refusedRows).toHaveLength(1);
    expect(sheet.refusedRows[0]).toMatchObject({ row: 3, cell: 'C3' });
    expect(sheet.refusedRows[0]!.reason.zh).toContain('32,767');
    const staged = toStagedTable(workbook);
    expect(staged.rows).toHaveLength(2);
    expect(staged.refused).toEqual([{ row: 2, reason: expect.stringContaining('C3') as string }]);
  });

  it('in an xlsx: the same', () => {
    const bytes = writeXlsx([
      {
        name: '客户',
        columns: [
          { key: 'n', header: '姓名', type: 'text' },
          { key: 'p', header: '手机', type: 'phone' },
          { key: 'x', header: '备注', type: 'text' },
        ],
        rows: [
          { n: '张伟', p: '13800138000', x: long },
          { n: '李娜', p: '13900139000', x: '' },
        ],
      },
    ]);
    const sheet = workbookOf(readWorkbook(bytes, { fileName: 'a.xlsx' })).sheets[0]!;
    expect(sheet.table!.rows.map((r) => r[0])).toEqual(['李娜']);
    expect(sheet.refusedRows.map((r) => [r.row, r.cell])).toEqual([[2, 'C2']]);
  });
});
