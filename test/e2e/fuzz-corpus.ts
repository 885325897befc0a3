// Hostile portal pages and files for test/e2e/fuzz.e2e.ts
// (docs/architecture.md#hostile-pages): each case a named entry, built here
// so the corpus is plain data the test serves or hands to the import page.
import * as XLSX from 'xlsx';
import { SMALL_SHEET_XML, lyingZipXlsx, workbookZip, zipBombXlsx, zipPart } from '../fixtures/sheets/files';
import { ZIP_MAX_PARTS } from '../../lib/sheets/kind';

/** What a payload does if it ever runs: marks the window and the title, so a DealerLens page can be checked for it. */
export const PAYLOAD = "window.__pwned=1;document.title='pwned'";

export interface PageCase {
  name: string;
  html: string;
  /** The phone of the row that carries the hostile content (absent when the case may be refused as a whole). */
  phone: string;
  /** The case is a table DealerLens may refuse to find (hidden); a refusal must say so. */
  mayRefuse?: boolean;
  /** The case must be refused with a message (a table no customer list is). */
  mustRefuse?: boolean;
  /** Text the stored customer must carry verbatim (an inert copy of the hostile text). */
  storedNotes?: string;
  storedName?: string;
}

export interface FileCase {
  name: string;
  fileName: string;
  bytes: () => Buffer;
  /** The file must be refused with a message (it cannot be read as it claims). */
  mustRefuse?: boolean;
}

const phoneOf = (c: number, row: number) => `139${String(c).padStart(4, '0')}${String(row).padStart(4, '0')}`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Cells {
  /** Raw HTML of the name cell of row 1. */
  name?: string;
  /** Raw HTML of the notes cell of row 1. */
  notes?: string;
  /** Extra columns (header texts) after 备注; row cells are their header text lower-cased. */
  extraColumns?: number;
  tableStyle?: string;
  /** Wraps the customer table in this many nested tables. */
  nest?: number;
}

function page(c: number, cells: Cells): string {
  const extra = Array.from({ length: cells.extraColumns ?? 0 }, (_, i) => `c${i + 1}`);
  const head = ['客户姓名', '手机号码', '备注', ...extra].map((h) => `<th>${h}</th>`).join('');
  const body = [1, 2, 3]
    .map((row) => {
      const name = row === 1 && cells.name !== undefined ? cells.name : `测试客户${c}-${row}`;
      const notes = row === 1 && cells.notes !== undefined ? cells.notes : '正常';
      const rest = extra.map((x) => `<td>${x}</td>`).join('');
      return `<tr><td>${name}</td><td>${phoneOf(c, row)}</td><td>${notes}</td>${rest}</tr>`;
    })
    .join('\n');
  let table = `<table class="list" style="${cells.tableStyle ?? ''}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  for (let i = 0; i < (cells.nest ?? 0); i++) table = `<table><tr><td>${table}</td></tr></table>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>客户列表</title></head><body><h1>客户列表</h1>${table}</body></html>`;
}

const ONERROR_IMG = `<img src=x onerror="${PAYLOAD}">`;
const SCRIPT = `<script>${PAYLOAD}</script>`;
const MEGABYTE = '长'.repeat(1 << 20);
const FORMULAS = ['=HYPERLINK("http://evil.example/","点我")', "+cmd|' /C calc'!A0", '@SUM(1)', '-1+1'];

/** The page cases, numbered from 1 (the number picks the case's phones). */
export function pageCases(): PageCase[] {
  const cases: Omit<PageCase, 'phone'>[] = [];
  const add = (name: string, cells: Cells, extra: Partial<PageCase> = {}) => {
    const n = cases.length + 1;
    cases.push({ name, html: page(n, cells), ...extra });
  };
  add('img onerror as cell text', { notes: esc(ONERROR_IMG) }, { storedNotes: ONERROR_IMG });
  add('script as cell text', { notes: esc(SCRIPT) }, { storedNotes: SCRIPT });
  add('img onerror as markup in a cell', { notes: `图片${ONERROR_IMG}` });
  add('script as markup in a cell', { notes: `脚本${SCRIPT}` });
  add('javascript: link in the name cell', { name: `<a href="javascript:${PAYLOAD}">链接一</a>` });
  add('java&#9;script: link in the name cell', { name: `<a href="java&#9;script:${PAYLOAD}">链接二</a>` });
  add('&#1;javascript: link in the name cell', { name: `<a href="&#1;javascript:${PAYLOAD}">链接三</a>` });
  add('data: link in the name cell', {
    name: `<a href="data:text/html,&lt;script&gt;${PAYLOAD}&lt;/script&gt;">链接四</a>`,
  });
  add('1 MB cell', { notes: MEGABYTE });
  add('10,000 columns', { extraColumns: 10_000 - 3 }, { mustRefuse: true });
  add('tables nested 50 deep', { nest: 50 });
  add('table hidden by display:none', { tableStyle: 'display:none' }, { mayRefuse: true });
  add('table hidden by visibility:hidden', { tableStyle: 'visibility:hidden' }, { mayRefuse: true });
  add('table of zero size', { tableStyle: 'width:0;height:0;overflow:hidden;display:block' }, { mayRefuse: true });
  add(
    'right-to-left and zero-width characters',
    { name: '\u202e伟张\u202c', notes: '备\u200b注\u2060文\ufeff本\u200d' },
    { storedName: '伟张', storedNotes: '备注文本' },
  );
  FORMULAS.forEach((f) => add(`formula-like cell ${f}`, { name: esc(f), notes: esc(f) }, { storedNotes: f }));
  return cases.map((c, i) => ({ ...c, phone: phoneOf(i + 1, 1) }));
}

/** A normal page after the corpus: it must still capture (the database is not corrupted). */
export function normalPage(): { html: string; phones: string[] } {
  const n = 9000;
  return { html: page(n, {}), phones: [1, 2, 3].map((r) => phoneOf(n, r)) };
}

function smallXlsx(): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['客户姓名', '手机号码'],
    ['张伟', '13800138000'],
  ]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '客户');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** Inflated size of the zip bomb's sheet. */
export const BOMB_INFLATED_BYTES = 200 * 1024 * 1024;

/** Deterministic noise (xorshift32), so a failure can be replayed. */
function randomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[0] = 0x13; // not a signature of any known file kind
  return out;
}

// GBK bytes of 客户姓名,手机号码 / 张伟,13800138000, then a row with a lead byte
// followed by no valid trail byte (0x81 0x20) and a lone 0xFF.
const GBK_CSV = Buffer.concat([
  Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0xc2, 0xeb]),
  Buffer.from('\r\n'),
  Buffer.from([0xd5, 0xc5, 0xce, 0xb0]),
  Buffer.from(',13800138000\r\n'),
  Buffer.from([0xd5, 0xc5, 0x81, 0x20, 0xff]),
  Buffer.from(',13900139000\r\n'),
]);

export function fileCases(): FileCase[] {
  return [
    { name: 'truncated xlsx (a zip cut in half)', fileName: '截断.xlsx', bytes: () => smallXlsx().subarray(0, 700) },
    {
      name: 'zip-bomb-like xlsx (a sheet inflating to 200 MB)',
      fileName: '炸弹.xlsx',
      bytes: () => zipBombXlsx(BOMB_INFLATED_BYTES),
    },
    {
      name: 'xlsx whose directory and local header say 10 KB while the sheet inflates to 200 MB',
      fileName: '谎报大小1.xlsx',
      bytes: () => lyingZipXlsx(BOMB_INFLATED_BYTES, 'both-say-small'),
      mustRefuse: true,
    },
    {
      name: 'xlsx whose directory says 10 KB while its local header says 200 MB',
      fileName: '谎报大小2.xlsx',
      bytes: () => lyingZipXlsx(BOMB_INFLATED_BYTES, 'directory-says-small'),
      mustRefuse: true,
    },
    {
      name: 'xlsx whose sheet data runs on past the 100 bytes its headers claim',
      fileName: '谎报大小3.xlsx',
      bytes: () => lyingZipXlsx(BOMB_INFLATED_BYTES, 'data-runs-on'),
      mustRefuse: true,
    },
    {
      name: 'xlsx with honest headers whose parts, each 30 MB, inflate to 90 MB together',
      fileName: '多部件炸弹.xlsx',
      bytes: () => {
        const part = zipPart('xl/media/a.bin', Buffer.alloc(30 << 20, 'A'));
        return workbookZip(zipPart('xl/worksheets/sheet1.xml', SMALL_SHEET_XML), [
          part,
          { ...part, name: 'xl/media/b.bin' },
          { ...part, name: 'xl/media/c.bin' },
        ]);
      },
      mustRefuse: true,
    },
    {
      name: `xlsx with more than ${ZIP_MAX_PARTS} parts`,
      fileName: '部件过多.xlsx',
      bytes: () => {
        const empty = zipPart('x', '');
        return workbookZip(
          zipPart('xl/worksheets/sheet1.xml', SMALL_SHEET_XML),
          Array.from({ length: ZIP_MAX_PARTS }, (_, i) => ({ ...empty, name: `xl/media/${i}.bin` })),
        );
      },
      mustRefuse: true,
    },
    { name: 'random bytes named .xlsx', fileName: '乱码.xlsx', bytes: () => randomBytes(64 * 1024, 20261207) },
    { name: 'GBK CSV with invalid bytes', fileName: '客户GBK.csv', bytes: () => GBK_CSV },
  ];
}
