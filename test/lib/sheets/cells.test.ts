import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  excelSerialOf,
  looksLikeFormula,
  maskIdNumber,
  maskPhone,
  neutraliseForCsv,
  unneutraliseCsv,
  wallTimeOfSerial,
} from '../../../lib/sheets';

describe('Excel dates from our local wall-time strings', () => {
  it('counts days the way Excel does: 2026-11-23 is serial 46349, 1970-01-01 is 25569', () => {
    expect(excelSerialOf('2026-11-23')).toBe(46349);
    expect(excelSerialOf('1970-01-01')).toBe(25569);
    expect(excelSerialOf('1900-03-01')).toBe(61);
  });

  it('adds the time of day as a fraction, without any time zone', () => {
    expect(excelSerialOf('2026-11-23T12:00')).toBe(46349.5);
    expect(excelSerialOf('2026-11-23T00:30')).toBeCloseTo(46349 + 30 / 1440, 10);
  });

  it('refuses what is not a real calendar date', () => {
    expect(excelSerialOf('2026-02-29')).toBeUndefined();
    expect(excelSerialOf('2026-13-01')).toBeUndefined();
    expect(excelSerialOf('2026-11-23T24:00')).toBeUndefined();
    expect(excelSerialOf('23/11/2026')).toBeUndefined();
    expect(excelSerialOf('1900-01-15')).toBeUndefined(); // before Excel's phantom 1900-02-29
  });

  it('turns serials back into the same wall time, a date alone when there is no time of day', () => {
    for (const t of ['2026-11-23', '2024-02-29', '2000-01-01', '2099-12-31'])
      expect(wallTimeOfSerial(excelSerialOf(t)!, false)).toBe(t);
    expect(wallTimeOfSerial(excelSerialOf('2026-11-23T14:05')!, true)).toBe('2026-11-23T14:05');
    expect(wallTimeOfSerial(46349, true)).toBe('2026-11-23');
    expect(wallTimeOfSerial(46349.75, false)).toBe('2026-11-23');
  });

  it('rounds a time to the minute, carrying 23:59:59.9 over to the next day', () => {
    expect(wallTimeOfSerial(46349 + (23 * 3600 + 59 * 60 + 59.9) / 86400, true)).toBe('2026-11-24');
  });
});

describe('column widths', () => {
  it('counts Chinese characters double and ASCII single', () => {
    expect(displayWidth('姓名')).toBe(4);
    expect(displayWidth('VIN')).toBe(3);
    expect(displayWidth('累计消费（元）')).toBe(14);
  });

  it('measures a text of several lines by its longest line', () => {
    expect(displayWidth('周末联系\nok')).toBe(8);
  });
});

describe('formula injection', () => {
  it('treats text starting with =, +, -, @, tab or CR as a formula', () => {
    for (const t of ['=1+1', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx']) expect(looksLikeFormula(t)).toBe(true);
    for (const t of ['张伟', '138 0013 8000', 'a=b', '']) expect(looksLikeFormula(t)).toBe(false);
  });

  it('puts an apostrophe before such text in a CSV, and takes it off when reading it back', () => {
    expect(neutraliseForCsv('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseForCsv('张伟')).toBe('张伟');
    expect(unneutraliseCsv("'=1+1")).toBe('=1+1');
    expect(unneutraliseCsv("'张伟")).toBe("'张伟");
  });
});

describe('masking phone and ID numbers', () => {
  it('masks a mobile as portals print it: 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('masks an ID number keeping the region and the last four: the birth date is hidden', () => {
    expect(maskIdNumber('11010119900307123X')).toBe('110101********123X');
  });

  it('masks numbers of other shapes in the middle', () => {
    expect(maskPhone('0752-2345678')).toBe('075*****5678');
    expect(maskPhone('12')).toBe('**');
  });
});
