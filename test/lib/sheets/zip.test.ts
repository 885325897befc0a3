import { crc32 as nodeCrc32, deflateRawSync, gzipSync, inflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import {
  crc32,
  deflateEntryNative,
  deflateEntrySync,
  unwrapGzip,
  zipEntries,
  type ZipEntry,
} from '../../../lib/sheets/zip';
import { strictUnzip } from './strict-unzip';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('crc32', () => {
  it('gives the check value of CRC-32/ISO-HDLC and continues across chunks', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(enc.encode('56789'), crc32(enc.encode('1234')))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('gzip members', () => {
  it('yields the raw deflate data, CRC and size of a member', () => {
    const text = enc.encode('客户分级'.repeat(100));
    const member = unwrapGzip(new Uint8Array(gzipSync(text)));
    expect(new Uint8Array(inflateRawSync(member.data))).toEqual(text);
    expect(member.crc).toBe(nodeCrc32(text) >>> 0);
    expect(member.size).toBe(text.length);
  });

  it('skips an optional file name in the header (FNAME)', () => {
    const text = enc.encode('sheet1.xml');
    const deflated = new Uint8Array(deflateRawSync(text));
    const name = enc.encode('a.xml\0');
    const trailer = new Uint8Array(8);
    new DataView(trailer.buffer).setUint32(0, nodeCrc32(text) >>> 0, true);
    new DataView(trailer.buffer).setUint32(4, text.length, true);
    const member = new Uint8Array([0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3, ...name, ...deflated, ...trailer]);
    expect(new Uint8Array(inflateRawSync(unwrapGzip(member).data))).toEqual(text);
  });

  it('refuses what is not a gzip member', () => {
    expect(() => unwrapGzip(new Uint8Array(30))).toThrow(/gzip/);
  });
});

describe('zip archives', () => {
  const parts = {
    '[Content_Types].xml': '<Types/>',
    'xl/worksheets/sheet1.xml': '<worksheet>' + '<row r="1"/>'.repeat(5000) + '</worksheet>',
    'xl/空.xml': '',
  };
  const chunks = (text: string): Uint8Array<ArrayBuffer>[] => {
    const bytes = enc.encode(text);
    return [bytes.slice(0, 7), bytes.slice(7)];
  };
  const jsDeflate = (bytes: Uint8Array): Uint8Array => new Uint8Array(deflateRawSync(bytes));

  it('writes entries a strict reader inflates with matching CRC-32 and sizes, natively deflated', async () => {
    const entries: ZipEntry[] = [];
    for (const [name, text] of Object.entries(parts)) entries.push(await deflateEntryNative(name, chunks(text)));
    const files = strictUnzip(zipEntries(entries));
    expect([...files.keys()]).toEqual(Object.keys(parts));
    for (const [name, text] of Object.entries(parts)) expect(dec.decode(files.get(name)!)).toBe(text);
  });

  it('writes the same entries deflated synchronously', () => {
    const entries = Object.entries(parts).map(([name, text]) => deflateEntrySync(name, chunks(text), jsDeflate));
    const files = strictUnzip(zipEntries(entries));
    for (const [name, text] of Object.entries(parts)) expect(dec.decode(files.get(name)!)).toBe(text);
  });

  it('is read by SheetJS too', () => {
    const zip = zipEntries(
      Object.entries(parts).map(([name, text]) => deflateEntrySync(name, chunks(text), jsDeflate)),
    );
    const cfb = XLSX.CFB.read(zip, { type: 'array' });
    const entry = XLSX.CFB.find(cfb, '/xl/worksheets/sheet1.xml');
    expect(dec.decode(entry.content as Uint8Array)).toBe(parts['xl/worksheets/sheet1.xml']);
  });
});
