// ZIP files built to make the reader inflate far more than they hold, with
// headers that tell no lie the directory checks catch: each is refused with
// a message in both languages before SheetJS inflates anything, in bounded
// time; and what SheetJS never opens (a ZIP nested in a workbook) is not a risk.
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readWorkbook, type ReadResult } from '../../../lib/sheets';
import { deflatedSize } from '../../../lib/sheets/deflate';
import { inflatesTooMuch, zipDirectoryLies, zipTooComplex, ZIP_MAX_PARTS } from '../../../lib/sheets/kind';
import { crc32, zipEntries, type ZipEntry } from '../../../lib/sheets/zip';
import { SMALL_SHEET_XML, workbookZip, zipBombXlsx, zipPart } from '../../fixtures/sheets/files';

const sheet = () => zipPart('xl/worksheets/sheet1.xml', SMALL_SHEET_XML);
const errorOf = (r: ReadResult) => (r.ok ? 'ok' : r.error.code);

/** A part whose headers declare `declared` bytes while its deflate stream `data` inflates to more. */
const understated = (name: string, data: Buffer, declared: number): ZipEntry => ({
  name,
  data,
  method: 8,
  crc: 0,
  size: declared,
});

describe('deflatedSize: a deflate stream measured without inflating it', () => {
  it('gives the size zlib inflates to, for text, noise and empty data, at every level', () => {
    const noise = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 251));
    for (const input of [Buffer.from(SMALL_SHEET_XML.repeat(300)), noise, Buffer.alloc(0), Buffer.alloc(300_000, 'A')])
      for (const level of [0, 1, 9]) {
        const data = deflateRawSync(input, { level });
        expect(deflatedSize(data, input.length)).toEqual({ size: input.length, read: data.length });
      }
  });

  it('stops at the limit, and gives null for a stream cut off or never finished', () => {
    const data = deflateRawSync(Buffer.alloc(1 << 20, 'A'));
    expect(deflatedSize(data, (1 << 20) - 1)).toBeNull();
    expect(deflatedSize(data.subarray(0, data.length - 2), 1 << 20)).toBeNull();
    const unfinished = deflateRawSync(Buffer.from(SMALL_SHEET_XML), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(deflatedSize(unfinished, 1 << 20)).toBeNull();
  });
});

describe('zip bombs whose headers pass the directory checks', () => {
  it('many parts, each under the per-part limit, that inflate to 90 MB together at ~1000:1 are refused before inflating', () => {
    const part = zipPart('xl/media/a.bin', Buffer.alloc(30 << 20, 'A'));
    const file = workbookZip(sheet(), [part, { ...part, name: 'xl/media/b.bin' }, { ...part, name: 'xl/media/c.bin' }]);
    expect(file.length).toBeLessThan(1 << 20);
    expect(zipDirectoryLies(file)).toBe(false);
    const started = performance.now();
    const result = readWorkbook(file, { fileName: '客户.xlsx' });
    expect(errorOf(result)).toBe('inflatesTooMuch');
    expect(performance.now() - started).toBeLessThan(2000);
    if (!result.ok) expect(result.error.message.zh).toContain('压缩炸弹');
  });

  it('a part whose stream inflates to 80 MB while its headers, consistent with each other and its bytes, say 160 KB is refused', () => {
    const data = deflateRawSync(Buffer.alloc(80 << 20, 'A'));
    const file = workbookZip(sheet(), [understated('xl/media/a.bin', data, data.length * 2)]);
    expect(inflatesTooMuch(file)).toBe(false);
    expect(zipDirectoryLies(file)).toBe(true);
    expect(errorOf(readWorkbook(file, { fileName: '客户.xlsx' }))).toBe('zipDirectoryLies');
  });

  it('a part whose stream does not end in its bytes (SheetJS would read on into the next parts) is refused', () => {
    const xml = Buffer.from(SMALL_SHEET_XML);
    const unfinished = deflateRawSync(xml, { finishFlush: constants.Z_SYNC_FLUSH });
    const file = workbookZip({
      name: 'xl/worksheets/sheet1.xml',
      data: unfinished,
      method: 8,
      crc: crc32(xml),
      size: xml.length,
    });
    expect(zipDirectoryLies(file)).toBe(true);
    expect(errorOf(readWorkbook(file, { fileName: '客户.xlsx' }))).toBe('zipDirectoryLies');
  });

  it(`more than ${ZIP_MAX_PARTS} parts (SheetJS's time grows with their square) is refused at once, in both languages`, () => {
    const empty = zipPart('x', '');
    const extra = Array.from({ length: ZIP_MAX_PARTS }, (_, i) => ({ ...empty, name: `xl/media/${i}.bin` }));
    const file = workbookZip(sheet(), extra);
    expect(zipTooComplex(file)).toBe(true);
    const started = performance.now();
    const result = readWorkbook(file, { fileName: '客户.xlsx' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(errorOf(result)).toBe('zipTooComplex');
    if (!result.ok) {
      expect(result.error.message.zh).toContain('4,000 个部件');
      expect(result.error.message.en).toMatch(/refused/);
    }
  });

  it('a ZIP64 part (sizes in an extra field no check reads) is refused', () => {
    const file = workbookZip(sheet());
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    let end = file.length - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    view.setUint32(view.getUint32(end + 16, true) + 20, 0xffffffff, true); // the first part's packed size
    expect(zipTooComplex(file)).toBe(true);
    expect(errorOf(readWorkbook(file, { fileName: '客户.xlsx' }))).toBe('zipTooComplex');
  });

  it('a bomb nested in a workbook (a ZIP part that inflates to 1 GB) is never opened: the customers are read', () => {
    const inner = zipEntries([zipPart('bomb.bin', Buffer.alloc(1, 'A'))].map((p) => ({ ...p, size: 1 << 30 })));
    const file = workbookZip(sheet(), [zipPart('xl/embeddings/oleObject1.zip', Buffer.from(inner))]);
    const result = readWorkbook(file, { fileName: '客户.xlsx' });
    expect(result.ok && result.workbook.sheets[0]!.table!.rows).toEqual([
      ['张伟', '13800138000'],
      ['李娜', '13912345678'],
    ]);
  });

  it('honest workbooks still read: the sheet part of a large bomb-sized file is not taken for one', () => {
    expect(zipDirectoryLies(zipBombXlsx(1 << 20))).toBe(false);
    expect(errorOf(readWorkbook(workbookZip(sheet()), { fileName: '客户.xlsx' }))).toBe('ok');
  });
});
