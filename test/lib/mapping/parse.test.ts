import { describe, expect, it } from 'vitest';
import {
  REASONS,
  parseCount,
  parseDate,
  parseField,
  parseGender,
  parseIdNumber,
  parseMileage,
  parseMoney,
  parsePhone,
  parseStage,
  parseVehicleUse,
  parseVin,
  isPlate,
  isMaskedMobile,
  type ParseResult,
} from '../../../lib/mapping';
import { parseMileageIn, parseMoneyIn } from '../../../lib/mapping/parse';

function value<T>(r: ParseResult<T>): T {
  if (!r.ok) throw new Error(`expected a value, got: ${r.reason}`);
  return r.value;
}
function reason<T>(r: ParseResult<T>): string {
  if (r.ok) throw new Error(`expected a failure, got: ${JSON.stringify(r.value)}`);
  return r.reason;
}
const bilingual = /[\u4e00-\u9fff].* \/ [A-Za-z]/;

describe('dates', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['2026年03月05日', '2026-03-05'],
    ['2026年3月5号', '2026-03-05'],
    ['20260305', '2026-03-05'],
    ['2026-03-05 星期四', '2026-03-05'],
    ['  2026-03-05\u00a0', '2026-03-05'],
    ['２０２６－０３－０５', '2026-03-05'],
    ['2026 - 03 - 05', '2026-03-05'],
  ])('a date written %s is %s', (raw, iso) => {
    expect(value(parseDate(raw))).toBe(iso);
  });

  it.each([
    ['2026-03-05 14:30', '2026-03-05T14:30'],
    ['2026-03-05 14:30:00', '2026-03-05T14:30'],
    ['2026-03-05 14:30:59.123', '2026-03-05T14:30'],
    ['2026/3/5 9:05', '2026-03-05T09:05'],
    ['2026-03-05T14:30:00', '2026-03-05T14:30'],
    ['2026-03-05T14:30:00+08:00', '2026-03-05T14:30'],
    ['2026年3月5日 14:30', '2026-03-05T14:30'],
    ['2026年3月5日14时30分', '2026-03-05T14:30'],
    ['2026年3月5日 下午2:30', '2026-03-05T14:30'],
    ['2026/3/5 2:30 PM', '2026-03-05T14:30'],
    ['2026/3/5 12:10 AM', '2026-03-05T00:10'],
    ['202603051430', '2026-03-05T14:30'],
    ['20260305143000', '2026-03-05T14:30'],
    ['２０２６－０３－０５　１４：３０', '2026-03-05T14:30'],
  ])('a date with a time %s is the local wall time %s, seconds dropped', (raw, iso) => {
    expect(value(parseDate(raw))).toBe(iso);
  });

  it('a midnight time printed after a date-only value is read as a date', () => {
    expect(value(parseDate('1990-05-01 00:00:00'))).toBe('1990-05-01');
    // java.sql.Timestamp#toString, as Java-backed portals print it.
    expect(value(parseDate('1990-05-01 00:00:00.0'))).toBe('1990-05-01');
    expect(value(parseDate('2026-03-05 14:30:00.0'))).toBe('2026-03-05T14:30');
  });

  it.each([
    ['46086', '2026-03-05'],
    ['45351', '2024-02-29'],
    ['20000', '1954-10-03'],
    ['73050', '2099-12-31'],
  ])('an Excel serial %s is the day %s', (raw, iso) => {
    expect(value(parseDate(raw))).toBe(iso);
  });

  it('an integer outside the Excel serial range 20000..80000 is not a date', () => {
    expect(reason(parseDate('19999'))).toBe(REASONS.date);
    expect(reason(parseDate('80001'))).toBe(REASONS.date);
    // 80000 is a serial, but of 2119, past the years a customer record holds.
    expect(reason(parseDate('80000'))).toBe(REASONS.dateRange);
    expect(parseDate('46086.5').ok).toBe(false);
  });

  it('a leap day exists in a leap year only', () => {
    expect(value(parseDate('2024-02-29'))).toBe('2024-02-29');
    expect(value(parseDate('2000/2/29'))).toBe('2000-02-29');
    expect(reason(parseDate('2026-02-29'))).toBe(REASONS.calendar);
    expect(reason(parseDate('1900-02-29'))).toBe(REASONS.calendar);
  });

  it.each(['2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026年6月0日', '20261301'])(
    'a day that is not on the calendar (%s) is refused',
    (raw) => {
      expect(reason(parseDate(raw))).toBe(REASONS.calendar);
    },
  );

  it('a date without a year or a relative date is refused when the capture day is not known', () => {
    expect(reason(parseDate('3月5日'))).toBe(REASONS.noYear);
    expect(reason(parseDate('03-05'))).toBe(REASONS.noYear);
    expect(reason(parseDate('昨天 11:32'))).toBe(REASONS.relative);
    expect(reason(parseDate('3天前'))).toBe(REASONS.relative);
  });

  it('a month without a day is refused as ambiguous', () => {
    expect(reason(parseDate('2026-03'))).toBe(REASONS.noDay);
    expect(reason(parseDate('2026年3月'))).toBe(REASONS.noDay);
  });

  it('a day-first date is refused as ambiguous', () => {
    expect(reason(parseDate('05/03/2026'))).toBe(REASONS.dayFirst);
  });

  it('an impossible time is refused', () => {
    expect(reason(parseDate('2026-03-05 24:00'))).toBe(REASONS.time);
    expect(reason(parseDate('2026-03-05 14:60'))).toBe(REASONS.time);
    expect(reason(parseDate('2026-03-05 下午14:30'))).toBe(REASONS.time);
    expect(reason(parseDate('2026-03-05T14:30:00Z'))).toBe(REASONS.time);
  });

  it('a year outside 1900-2100 is refused', () => {
    expect(reason(parseDate('1899-12-31'))).toBe(REASONS.dateRange);
    expect(reason(parseDate('2101-01-01'))).toBe(REASONS.dateRange);
  });

  it.each(['', '   ', '下周', 'abc', '2026-03-05 later'])(
    'text that is no date (%j) is refused with a reason',
    (raw) => {
      expect(reason(parseDate(raw))).toMatch(bilingual);
    },
  );
});

describe('money (yuan)', () => {
  it.each([
    ['¥8,560.00', 8560],
    ['8560元', 8560],
    ['1.2万', 12000],
    ['1.2万元', 12000],
    ['1.15万', 11500],
    ['￥ 3,000', 3000],
    ['RMB 500', 500],
    ['rmb500', 500],
    ['CNY 1,000.50', 1000.5],
    ['-200', -200],
    ['¥-200', -200],
    ['-¥200', -200],
    ['0', 0],
    ['8560元整', 8560],
    ['3千', 3000],
    ['８，５６０．００', 8560],
    [' 8 560 ', 8560],
  ])('%s is %d yuan', (raw, yuan) => {
    expect(value(parseMoney(raw))).toBe(yuan);
  });

  it.each(['', '约8000', '8000美元', '1.2.3', '--200', '¥'])('%j is not an amount of money', (raw) => {
    expect(parseMoney(raw).ok).toBe(false);
  });

  it('a bare number in a column whose header says 万元 is scaled; one with its own unit is not', () => {
    expect(value(parseMoneyIn('1.2', 10000))).toBe(12000);
    expect(value(parseMoneyIn('1.2万', 10000))).toBe(12000);
    expect(value(parseMoneyIn('¥800', 10000))).toBe(800);
    expect(value(parseMoneyIn('800元', 10000))).toBe(800);
  });
});

describe('mileage (km)', () => {
  it.each([
    ['12,345 km', 12345],
    ['12345公里', 12345],
    ['1.2万公里', 12000],
    ['1.2万km', 12000],
    ['1.2万 KM', 12000],
    ['12345', 12345],
    ['12345千米', 12345],
    ['１２３４５ｋｍ', 12345],
    ['0', 0],
  ])('%s is %d km', (raw, km) => {
    expect(value(parseMileage(raw))).toBe(km);
  });

  it('negative mileage is refused', () => {
    expect(reason(parseMileage('-300 km'))).toBe(REASONS.negativeMileage);
  });

  it.each(['', 'abc', '12345 miles', '1.2万米'])('%j is not a mileage', (raw) => {
    expect(parseMileage(raw).ok).toBe(false);
  });

  it('a bare number in a column whose header says 万公里 is scaled', () => {
    expect(value(parseMileageIn('1.5', 10000))).toBe(15000);
    expect(value(parseMileageIn('8000km', 10000))).toBe(8000);
  });
});

describe('counts', () => {
  it.each([
    ['3', 3],
    ['3次', 3],
    ['3 次', 3],
    ['1,024', 1024],
    ['０', 0],
  ])('%s counts %d', (raw, n) => {
    expect(value(parseCount(raw))).toBe(n);
  });

  it.each(['', '-1', '2.5', '三次', 'many'])('%j is not a count', (raw) => {
    expect(parseCount(raw).ok).toBe(false);
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['86-13800138000', '13800138000'],
    ['(+86)13800138000', '13800138000'],
    ['（+86）138-0013-8000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['\u200b19912345678 ', '19912345678'],
    ['13800138000 / 0752-1234567', '13800138000'],
    ['0752-1234567，13900139000', '13900139000'],
  ])('%s is the mobile %s', (raw, mobile) => {
    expect(value(parsePhone(raw))).toBe(mobile);
  });

  it.each([
    ['138****1234', '138****1234'],
    ['138＊＊＊＊1234', '138****1234'],
    ['137****3736 [显示]', '137****3736'],
    ['137****3736显示', '137****3736'],
    ['137****3736 查看', '137****3736'],
    ['137****3736【查看】', '137****3736'],
    ['137****3736（点击查看）', '137****3736'],
    ['137****3736 显示号码', '137****3736'],
    ['137****3736 Show', '137****3736'],
    ['137 **** 3736', '137****3736'],
    ['137-****-3736', '137****3736'],
    ['1371234****', '1371234****'],
    ['137xxxx3736', '137****3736'],
    ['137●●●●3736', '137****3736'],
    ['+86 137****3736', '137****3736'],
    ['+86 137****3736 [显示]', '137****3736'],
    ['0086-137****3736', '137****3736'],
  ])('the masked mobile %s is kept as shown (%s), marked as masked', (raw, shown) => {
    const r = parsePhone(raw);
    expect(value(r)).toBe(shown);
    expect(r.ok && r.assumed).toBe('masked');
    expect(isMaskedMobile(raw)).toBe(true);
  });

  it('a whole mobile in the same cell wins over a masked one; a masked landline is no mobile', () => {
    expect(value(parsePhone('138****1234 / 13900139000'))).toBe('13900139000');
    expect(reason(parsePhone('0752-123****'))).toBe(REASONS.phone);
    expect(reason(parsePhone('显示'))).toBe(REASONS.phone);
    expect(isMaskedMobile('13800138000')).toBe(false);
  });

  it('a landline is not a mobile, and the reason says it is a landline', () => {
    expect(reason(parsePhone('0752-1234567'))).toBe(REASONS.landline);
    expect(reason(parsePhone('(0752)2345678'))).toBe(REASONS.landline);
    expect(reason(parsePhone('010-12345678'))).toBe(REASONS.landline);
    expect(reason(parsePhone('2345678'))).toBe(REASONS.landline);
  });

  it.each(['', '1380013800', '138001380001', '12800138000', '23800138000', 'abc'])(
    '%j is not a valid mobile',
    (raw) => {
      expect(reason(parsePhone(raw))).toMatch(bilingual);
    },
  );

  it('the reason for a number of the wrong length names the mobile number', () => {
    expect(reason(parsePhone('1380013800'))).toBe('不是有效的手机号 / not a valid mobile number');
  });
});

describe('resident ID numbers', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    ['441302198506121239', '441302198506121239'],
    ['441302199202294565', '441302199202294565'],
    [' 4401 0619 7512 3100 27 ', '440106197512310027'],
    ['４４０３０１１９８８０１０１００１６', '440301198801010016'],
  ])('%s is a valid ID kept as the text %s', (raw, id) => {
    expect(value(parseIdNumber(raw))).toBe(id);
  });

  it('an 18-digit ID with a wrong check digit is refused', () => {
    expect(reason(parseIdNumber('441302198506121238'))).toBe(REASONS.idChecksum);
    expect(reason(parseIdNumber('110105194912310021'))).toBe(REASONS.idChecksum);
  });

  it('an ID whose birth date is not a real day is refused even with a correct check digit', () => {
    // 1990 is not a leap year; the check digit of this number is right.
    expect(reason(parseIdNumber('441322199002291234'))).toBe(REASONS.idBirth);
  });

  it('an old 15-digit ID is refused with its own reason', () => {
    expect(reason(parseIdNumber('130503670401001'))).toBe(REASONS.idOld);
  });

  it('an ID masked by the portal is refused and says so', () => {
    expect(reason(parseIdNumber('441302********1239'))).toBe(REASONS.idMasked);
  });

  it('an ID with an unknown region code is refused', () => {
    expect(reason(parseIdNumber('991302198506121239'))).toBe(REASONS.idRegion);
  });

  it.each(['', '4413021985061212', 'ABCDEFGHIJKLMNOPQR'])('%j is not an ID number', (raw) => {
    expect(parseIdNumber(raw).ok).toBe(false);
  });
});

describe('VINs', () => {
  it.each([
    ['LSVAU2180N2123456', 'LSVAU2180N2123456'],
    ['lsvau2180n2123456', 'LSVAU2180N2123456'],
    [' LFV3A23C5K3012345 ', 'LFV3A23C5K3012345'],
    ['LFV3A-23C5K-3012345', 'LFV3A23C5K3012345'],
    ['ＬＳＶＡＵ２１８０Ｎ２１２３４５６', 'LSVAU2180N2123456'],
  ])('%s is the VIN %s (check digit not required)', (raw, vin) => {
    expect(value(parseVin(raw))).toBe(vin);
  });

  it('a VIN never contains I, O or Q', () => {
    expect(reason(parseVin('LSVAU2180O2123456'))).toBe(REASONS.vinLetters);
    expect(reason(parseVin('LSVIU2180N2123456'))).toBe(REASONS.vinLetters);
    expect(reason(parseVin('QSVAU2180N2123456'))).toBe(REASONS.vinLetters);
  });

  it('a VIN has 17 characters', () => {
    expect(reason(parseVin('LSVAU2180N212345'))).toBe(REASONS.vin);
    expect(reason(parseVin('LSVAU2180N21234567'))).toBe(REASONS.vin);
  });

  it('seventeen digits with no letter are not a VIN', () => {
    expect(reason(parseVin('12345678901234567'))).toBe(REASONS.vinNoLetter);
  });

  it('a VIN masked by the portal is refused and says so', () => {
    expect(reason(parseVin('LSVAU2180N2****56'))).toBe(REASONS.vinMasked);
  });
});

describe('plates', () => {
  it.each(['粤L·12345', '粤L12345', '京A12345', '粤AD12345', '粤A12345D', '沪C·A1B2C', '粤L1234挂', '粤ｌ１２３４５'])(
    '%s is a plate',
    (raw) => {
      expect(isPlate(raw)).toBe(true);
    },
  );
  it.each(['', 'L12345', '粤12345', '粤LI2345', '粤L1234', '粤L1234567', '张三'])('%j is not a plate', (raw) => {
    expect(isPlate(raw)).toBe(false);
  });
});

describe('stage', () => {
  it.each([
    ['潜客', 'lead'],
    ['意向', 'lead'],
    ['有望', 'lead'],
    ['跟进中', 'lead'],
    ['订车', 'ordered'],
    ['已订车', 'ordered'],
    ['订单', 'ordered'],
    ['待交车', 'ordered'],
    ['交车', 'delivered'],
    ['已交车', 'delivered'],
    ['保有', 'owner'],
    ['车主', 'owner'],
    ['已成交', 'owner'],
    ['战败', 'defeated'],
    ['流失(销售)', 'defeated'],
    ['流失（销售）', 'defeated'],
    ['已战败', 'defeated'],
    ['战败-价格高', 'defeated'],
    [' Lead ', 'lead'],
    ['Lost', 'defeated'],
  ])('the stage %s is %s', (raw, stage) => {
    expect(value(parseStage(raw))).toBe(stage);
  });

  it('an unknown stage is refused with a reason', () => {
    expect(reason(parseStage('暂停'))).toBe(REASONS.stage);
    expect(reason(parseStage(''))).toBe(REASONS.empty);
  });
});

describe('gender', () => {
  it.each([
    ['男', 'male'],
    ['女', 'female'],
    ['先生', 'male'],
    ['女士', 'female'],
    ['M', 'male'],
    ['female', 'female'],
  ])('%s is %s', (raw, g) => {
    expect(value(parseGender(raw))).toBe(g);
  });
  it('an unknown gender is refused', () => {
    expect(reason(parseGender('未知'))).toBe(REASONS.gender);
  });
});

describe('vehicle use (docs/grading.md#g6-after-sales-segments, by use)', () => {
  it.each([
    ['私家车', 'private'],
    ['非营运', 'private'],
    ['私用', 'private'],
    ['公务车', 'official'],
    ['公车', 'official'],
    ['营运车', 'commercial'],
    ['营运', 'commercial'],
    ['出租', 'commercial'],
    ['网约车', 'commercial'],
  ])('%s is %s', (raw, use) => {
    expect(value(parseVehicleUse(raw))).toBe(use);
  });
  it('an unknown use is refused', () => {
    expect(reason(parseVehicleUse('赛车'))).toBe(REASONS.vehicleUse);
  });
});

describe('parseField dispatches by the kind of the field', () => {
  it.each([
    ['phone', '+86 138 0013 8000', '13800138000'],
    ['lastServiceAt', '2026/3/5', '2026-03-05'],
    ['totalSpend', '¥8,560.00', 8560],
    ['mileageKm', '1.2万公里', 12000],
    ['serviceVisits', '4次', 4],
    ['stage', '已交车', 'delivered'],
    ['gender', '女', 'female'],
    ['vehicleUse', '营运', 'commercial'],
    ['vin', 'lsvau2180n2123456', 'LSVAU2180N2123456'],
    ['idNumber', '11010519491231002x', '11010519491231002X'],
    ['name', '  张三  ', '张三'],
    ['notes', '<script>alert(1)</script>', '<script>alert(1)</script>'],
  ] as const)('%s reads %j as %j', (field, raw, expected) => {
    expect(value(parseField(field, raw))).toEqual(expected);
  });

  it('a text field is refused only when empty', () => {
    expect(reason(parseField('name', '   '))).toBe(REASONS.empty);
  });

  it('every reason is given in Chinese and English', () => {
    for (const r of Object.values(REASONS)) expect(r).toMatch(bilingual);
  });
});
