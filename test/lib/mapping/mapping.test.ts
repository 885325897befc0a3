import { describe, expect, it } from 'vitest';
import type { FieldName } from '../../../lib/customer';
import {
  applyMapping,
  isEmptyCell,
  looksLike,
  recordSource,
  suggestMapping,
  REASONS,
  SAMPLE_ROWS,
  type ColumnMapping,
} from '../../../lib/mapping';

// A customer list as a legacy DMS shows it (docs/capture.md#header-mapping demo portal: Chinese
// headers, mixed date formats, money and mileage with units).
const HEADERS = [
  '序号',
  '客户姓名',
  '手机号码',
  '意向级别',
  '意向车型',
  '销售顾问',
  '最近跟进',
  '预计购车时间',
  '客户状态',
  '累计消费（元）',
  '行驶里程(km)',
  '操作',
];
const ROWS = [
  [
    '1',
    '张伟',
    '138 0013 8000',
    'H',
    '凯美瑞',
    '李娜',
    '2026/3/5 9:05',
    '2026-03-12',
    '跟进中',
    '¥8,560.00',
    '12,345 km',
    '查看|编辑',
  ],
  [
    '2',
    '王芳',
    '+86 139-0013-9000',
    'A',
    '汉兰达',
    '李娜',
    '2026年3月1日',
    '2026年4月',
    '订车',
    '1.2万',
    '1.2万公里',
    '查看|编辑',
  ],
  ['3', '刘洋', '13700137000', 'B', 'RAV4', '陈静', '20260220', '', '战败', '--', '', '查看|编辑'],
  ['4', '陈杰', '186****1234', 'C', '卡罗拉', '陈静', '46086', '2026-09-01', '保有', '3000元', '8000', '查看|编辑'],
];

function fieldsOf(mapping: ColumnMapping[]): (FieldName | null)[] {
  return mapping.map((m) => m.field);
}
function column(mapping: ColumnMapping[], header: string): ColumnMapping {
  const m = mapping.find((c) => c.header === header);
  if (!m) throw new Error(`no column ${header}`);
  return m;
}
const mobiles = (n: number, from = 0): string[] =>
  Array.from({ length: n }, (_, i) => `139${String(10000000 + from + i).slice(-8)}`);

describe('suggestMapping: headers', () => {
  it('maps a typical portal customer list column by column, unknown columns to null', () => {
    const mapping = suggestMapping(HEADERS, ROWS);
    expect(fieldsOf(mapping)).toEqual([
      null,
      'name',
      'phone',
      'portalGrade',
      'intendedModel',
      'consultant',
      'lastContactAt',
      'expectedPurchaseAt',
      'stage',
      'totalSpend',
      'mileageKm',
      null,
    ]);
    expect(mapping.map((m) => m.index)).toEqual(HEADERS.map((_, i) => i));
    expect(mapping.map((m) => m.header)).toEqual(HEADERS);
    expect(column(mapping, '客户姓名').via).toBe('header');
    expect(column(mapping, '序号')).toMatchObject({ field: null, via: 'none', confidence: 0 });
  });

  it('a header match whose values parse is confident', () => {
    const mapping = suggestMapping(HEADERS, ROWS);
    expect(column(mapping, '销售顾问').confidence).toBeGreaterThanOrEqual(0.9);
    expect(column(mapping, '客户状态').confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('a header match whose values mostly fail to parse gets low confidence', () => {
    const rows = [['是'], ['否'], ['是'], ['2026-03-05']];
    const [m] = suggestMapping(['最近进站'], rows);
    expect(m).toMatchObject({ field: 'lastServiceAt', via: 'header' });
    expect(m!.confidence).toBeLessThan(0.5);
  });

  it('a synonym inside a longer header is less certain than the whole header', () => {
    const rows = [['张三', '张三']];
    const [exact, contains] = suggestMapping(['介绍人', '老客户介绍人'], rows);
    expect(exact!.field).toBe('referrer');
    expect(contains!.field).toBe(null); // the field went to the exact match
    const [alone] = suggestMapping(['老客户介绍人'], rows);
    expect(alone!.field).toBe('referrer');
    expect(alone!.confidence).toBeLessThan(exact!.confidence);
  });

  it('headers only, no rows: mapped by header alone', () => {
    expect(fieldsOf(suggestMapping(['姓名', '手机', '车架号'], []))).toEqual(['name', 'phone', 'vin']);
  });

  it('an empty table maps to nothing', () => {
    expect(suggestMapping([], [])).toEqual([]);
  });
});

describe('suggestMapping: values confirm or override the header', () => {
  it('a column of valid mobiles is a phone column whatever its header says', () => {
    const rows = mobiles(10).map((m, i) => [`客户${i}`, m]);
    const [, m] = suggestMapping(['客户', '联系人'], rows);
    expect(m).toMatchObject({ field: 'phone', via: 'values' });
    expect(m!.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('a column of mobiles under a phone header is a header match, confirmed', () => {
    const [m] = suggestMapping(
      ['手机'],
      mobiles(5).map((v) => [v]),
    );
    expect(m).toMatchObject({ field: 'phone', via: 'header', confidence: 1 });
  });

  it('four in five valid mobiles are enough to call a column a phone column; fewer are not', () => {
    const enough = [...mobiles(8), '0752-1234567', '无效'].map((v) => [v]);
    expect(suggestMapping(['备用'], enough)[0]!.field).toBe('phone');
    const tooFew = [...mobiles(7), '0752-1234567', 'x', 'y'].map((v) => [v]);
    expect(suggestMapping(['备用'], tooFew)[0]!.field).toBe(null);
  });

  it('a column of mobiles masked by the portal is the phone column with high confidence, link text beside them or not', () => {
    const [m] = suggestMapping(['手机号码'], [['138****1234'], ['139****5678'], ['186****0000']]);
    expect(m!.field).toBe('phone');
    expect(m!.confidence).toBeGreaterThanOrEqual(0.9);
    const shown = ['137****3736 [显示]', '138****1234 [显示]', '139****5678 [显示]', '186****0000 [显示]'].map((v) => [
      v,
    ]);
    expect(suggestMapping(['联系电话'], shown)[0]).toMatchObject({ field: 'phone', via: 'header' });
    expect(suggestMapping(['联系电话'], shown)[0]!.confidence).toBeGreaterThanOrEqual(0.9);
    // Whatever the header says, as whole mobiles would.
    expect(suggestMapping(['操作人'], shown)[0]).toMatchObject({ field: 'phone', via: 'values' });
  });

  it('a column of valid VINs is the VIN column whatever its header says', () => {
    const rows = [['LSVAU2180N2123456'], ['LFV3A23C5K3012345'], ['LVSHCAMB1CE012345']];
    expect(suggestMapping(['车辆信息'], rows)[0]).toMatchObject({ field: 'vin', via: 'values' });
    expect(suggestMapping(['备注'], rows)[0]).toMatchObject({ field: 'vin', via: 'values' });
  });

  it('a column of valid 18-digit IDs is the ID column whatever its header says', () => {
    const rows = [['11010519491231002X'], ['441302198506121239'], ['440106197512310027']];
    expect(suggestMapping(['证照'], rows)[0]).toMatchObject({ field: 'idNumber', via: 'values' });
  });

  it('a column of plates is the plate column whatever its header says', () => {
    const rows = [['粤L·12345'], ['京A12345'], ['粤AD12345'], ['粤L88888']];
    expect(suggestMapping(['车辆'], rows)[0]).toMatchObject({ field: 'plate', via: 'values' });
    expect(suggestMapping(['车牌'], rows)[0]).toMatchObject({ field: 'plate', via: 'header', confidence: 1 });
  });

  it('each canonical field goes to at most one column, the best; the other stays unmapped', () => {
    const rows = [
      ['13800138000', '0752-1234567'],
      ['13900139000', '0752-7654321'],
    ];
    const mapping = suggestMapping(['手机', '电话'], rows);
    expect(fieldsOf(mapping)).toEqual(['phone', null]);
    // Even when the better column comes second.
    expect(
      fieldsOf(
        suggestMapping(
          ['电话', '手机'],
          rows.map((r) => [r[1]!, r[0]!]),
        ),
      ),
    ).toEqual([null, 'phone']);
  });

  it('duplicate header names are mapped by column: the second 电话 can map to nothing while the first is phone', () => {
    const rows = [['13800138000', '0752-1234567']];
    const mapping = suggestMapping(['电话', '电话'], rows);
    expect(mapping).toMatchObject([
      { index: 0, header: '电话', field: 'phone' },
      { index: 1, header: '电话', field: null },
    ]);
  });

  it('reads a sample spread over the whole table, not only its first rows', () => {
    // A table sorted so its first rows have no second number.
    const rows = Array.from({ length: 1000 }, (_, i) => ['张三', i < 600 ? '' : mobiles(1, i)[0]!]);
    expect(suggestMapping(['姓名', '其他'], rows)[1]!.field).toBe('phone');
  });

  // Speed is a benchmark (npm run bench), not a timed test: here only the sampling bound.
  it('samples at most SAMPLE_ROWS rows of a 100,000-row table', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ['张三', mobiles(1, i)[0]!, '2026-03-05']);
    expect(SAMPLE_ROWS).toBeLessThanOrEqual(200);
    expect(suggestMapping(['姓名', '手机', '最近联系'], rows).map((m) => m.field)).toEqual([
      'name',
      'phone',
      'lastContactAt',
    ]);
  });
});

describe('applyMapping', () => {
  it('keeps a column whose header is literally __proto__ as an extra value, not as the prototype', () => {
    const headers = ['客户姓名', '手机号码', '__proto__'];
    const rows = [['张伟', '13800138000', '内部备注']];
    const { records } = applyMapping(headers, rows, suggestMapping(headers, rows));
    expect(Object.hasOwn(records[0]!.extra, '__proto__')).toBe(true);
    expect(records[0]!.extra['__proto__']).toBe('内部备注');
    expect(Object.getPrototypeOf(records[0]!.extra)).toBe(Object.prototype);
  });

  it('builds one record per row: parsed fields, unmapped columns as extra by header, detail link', () => {
    const mapping = suggestMapping(HEADERS, ROWS);
    const links = [
      'http://dms.example.com/crm/customer/view.do?id=1',
      null,
      undefined as unknown as null,
      'http://x/4',
    ];
    const { records } = applyMapping(HEADERS, ROWS, mapping, links);
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual({
      fields: {
        name: '张伟',
        phone: '13800138000',
        portalGrade: 'H',
        intendedModel: '凯美瑞',
        consultant: '李娜',
        lastContactAt: '2026-03-05T09:05',
        expectedPurchaseAt: '2026-03-12',
        stage: 'lead',
        totalSpend: 8560,
        mileageKm: 12345,
      },
      extra: { 序号: '1', 操作: '查看|编辑' },
      invalid: {},
      detailUrl: 'http://dms.example.com/crm/customer/view.do?id=1',
    });
    expect(records[1]!.fields).toMatchObject({
      phone: '13900139000',
      stage: 'ordered',
      totalSpend: 12000,
      mileageKm: 12000,
    });
    expect(records[1]!.detailUrl).toBeUndefined();
    expect(records[3]!.fields).toMatchObject({
      lastContactAt: '2026-03-05',
      stage: 'owner',
      totalSpend: 3000,
      mileageKm: 8000,
    });
  });

  it('a cell that fails to parse keeps its raw text in invalid and is listed as a failure with its reason', () => {
    const { records, failures } = applyMapping(HEADERS, ROWS, suggestMapping(HEADERS, ROWS));
    expect(records[1]!.invalid).toEqual({ expectedPurchaseAt: '2026年4月' });
    expect(records[1]!.fields.expectedPurchaseAt).toBeUndefined();
    expect(records[3]!.invalid).toEqual({});
    expect(records[3]!.fields.phone).toBe('186****1234');
    expect(failures).toEqual([
      {
        row: 1,
        column: 7,
        header: '预计购车时间',
        field: 'expectedPurchaseAt',
        raw: '2026年4月',
        reason: REASONS.noDay,
      },
    ]);
  });

  it('empty cells and placeholders such as -- are absent, neither values nor failures', () => {
    const { records } = applyMapping(HEADERS, ROWS, suggestMapping(HEADERS, ROWS));
    const third = records[2]!;
    expect('expectedPurchaseAt' in third.fields).toBe(false);
    expect('totalSpend' in third.fields).toBe(false);
    expect('mileageKm' in third.fields).toBe(false);
    expect(third.invalid).toEqual({});
  });

  it('a blank cell in an unmapped column is not kept as an empty extra', () => {
    const { records } = applyMapping(
      ['姓名', '其他'],
      [['张三', '  ']],
      [
        { index: 0, header: '姓名', field: 'name', via: 'header', confidence: 1 },
        { index: 1, header: '其他', field: null, via: 'none', confidence: 0 },
      ],
    );
    expect(records[0]).toEqual({ fields: { name: '张三' }, extra: {}, invalid: {} });
  });

  it('duplicate header names both survive: the second unmapped 电话 is kept as 电话 (2)', () => {
    const headers = ['电话', '电话', '电话'];
    const rows = [['13800138000', '0752-1234567', '0752-7654321']];
    const { records } = applyMapping(headers, rows, suggestMapping(headers, rows));
    expect(records[0]).toEqual({
      fields: { phone: '13800138000' },
      extra: { '电话 (2)': '0752-1234567', '电话 (3)': '0752-7654321' },
      invalid: {},
    });
  });

  it('a column with a blank header is kept under its position', () => {
    const { records } = applyMapping(['姓名', ''], [['张三', 'VIP']], suggestMapping(['姓名', ''], [['张三', 'VIP']]));
    expect(records[0]!.extra).toEqual({ '列 2': 'VIP' });
  });

  it('cell text containing HTML or script is kept as text, untouched', () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const headers = ['姓名', '备注', '其他'];
    const rows = [[evil, evil, evil]];
    const { records } = applyMapping(headers, rows, suggestMapping(headers, rows));
    expect(records[0]).toEqual({ fields: { name: evil, notes: evil }, extra: { 其他: evil }, invalid: {} });
  });

  it('a header in 万 scales the bare numbers of its column', () => {
    const headers = ['年行驶里程(万公里)', '累计消费(万元)'];
    const rows = [
      ['1.5', '2.35'],
      ['8000km', '¥500'],
    ];
    const { records } = applyMapping(headers, rows, suggestMapping(headers, rows));
    expect(records.map((r) => r.fields)).toEqual([
      { annualMileageKm: 15000, totalSpend: 23500 },
      { annualMileageKm: 8000, totalSpend: 500 },
    ]);
  });

  it('a mapping the user edited is applied as given, a field named twice going to the first column', () => {
    const headers = ['A', 'B', 'C'];
    const rows = [['13800138000', '13900139000', '2026/3/5']];
    const mapping: ColumnMapping[] = [
      { index: 0, header: 'A', field: 'phone', via: 'user', confidence: 1 },
      { index: 1, header: 'B', field: 'phone', via: 'user', confidence: 1 },
      { index: 2, header: 'C', field: 'lastServiceAt', via: 'user', confidence: 1 },
    ];
    const { records } = applyMapping(headers, rows, mapping);
    expect(records[0]).toEqual({
      fields: { phone: '13800138000', lastServiceAt: '2026-03-05' },
      extra: { B: '13900139000' },
      invalid: {},
    });
  });

  it('a row shorter than the headers loses nothing it has', () => {
    const { records, failures } = applyMapping(
      ['姓名', '手机'],
      [['张三']],
      suggestMapping(['姓名', '手机'], [['张三']]),
    );
    expect(records[0]).toEqual({ fields: { name: '张三' }, extra: {}, invalid: {} });
    expect(failures).toEqual([]);
  });

  // Its speed is measured by npm run bench; here, that a large table loses nothing.
  it('maps every one of 20,000 rows', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [
      String(i),
      `客户${i}`,
      mobiles(1, i)[0]!,
      'A',
      '凯美瑞',
      '李娜',
      '2026/3/5 9:05',
      '2026-04-01',
      '跟进中',
      '¥8,560.00',
      '12,345 km',
      i % 10 === 0 ? '138****0000' : 'x',
    ]);
    const headers = [...HEADERS.slice(0, 11), '手机2'];
    const mapping = suggestMapping(headers, rows);
    const { records, failures } = applyMapping(headers, rows, mapping);
    expect(records).toHaveLength(20_000);
    expect(failures).toHaveLength(0);
    expect(records[19_999]!.fields.phone).toBe(mobiles(1, 19_999)[0]);
  });
});

describe('recordSource: the records of applyMapping, made row by row', () => {
  const headers = ['客户姓名', '手机号码', '车架号', '客户编号', '最近进站', '爱好'];
  const rows = [
    ['张伟', '138 1234 5678', 'lsvau2180n2123456', 'C-001', '2026/3/5', '钓鱼'],
    ['王芳', '不详', '', '', '昨天', ''],
    ['', '', '', '', '', ''],
  ];
  const links = ['/crm/customer/detail?id=1', null, null];
  const mapping = suggestMapping(headers, rows);

  it('makes each whole record exactly as applyMapping does', () => {
    const source = recordSource(headers, rows, mapping, links);
    const { records } = applyMapping(headers, rows, mapping, links);
    expect(source.count).toBe(3);
    expect(rows.map((_, r) => source.recordOf(r))).toEqual(records);
  });

  it('makes a row identity of its mobile, VIN, customer number and detail link only', () => {
    const source = recordSource(headers, rows, mapping, links);
    const whole = source.recordOf(0);
    expect(source.identityOf(0)).toEqual({
      fields: { phone: whole.fields.phone, vin: whole.fields.vin, portalId: whole.fields.portalId },
      extra: {},
      invalid: {},
      detailUrl: '/crm/customer/detail?id=1',
    });
    // A mobile that does not parse is kept raw, as in the whole record.
    expect(source.identityOf(1)).toEqual({ fields: {}, extra: {}, invalid: { phone: '不详' } });
  });
});

describe('isEmptyCell', () => {
  it('is true for blanks and placeholders, whatever spaces a portal pads them with', () => {
    for (const cell of [
      '',
      ' ',
      '\u3000',
      '\ufeff',
      '\u00a0\n',
      '--',
      ' -- ',
      '\u3000暂无\u3000',
      '\u00a0无',
      'N/A\t',
      '\u2003null\u2003',
      '——',
    ]) {
      expect(isEmptyCell(cell), JSON.stringify(cell)).toBe(true);
    }
  });

  it('is false for any value, padded or not', () => {
    for (const cell of ['张伟', ' 张伟 ', '\u3000张伟', '0', '-1', '无锡', '2026-03-05', 'NA6', 'n/a?', '/a']) {
      expect(isEmptyCell(cell), JSON.stringify(cell)).toBe(false);
    }
  });
});

describe('looksLike: what an unmapped column may be', () => {
  const column = (values: string[]) => values.map((v) => [v]);
  const ctx = { capturedAt: '2026-03-07T10:05' };
  it.each([
    [['2026-03-01', '2026/3/2', '26/3/3'], 'date'],
    [['4月1日', '12-05', '昨天 11:32'], 'date'],
    [['20260305', '20260306', '20260307'], 'date'],
    [['13800138000', '137****3736 [显示]', '139 0013 9000'], 'phone'],
    [['¥30,000.00', '8,560', '1.2万'], 'money'],
    [['25000元', '¥800', '3,000.50'], 'money'],
  ] as const)('%j looks like %s', (values, kind) => {
    expect(looksLike(column([...values]), 0, ctx)).toBe(kind);
  });

  it.each([[['1', '2', '3']], [['45123', '45124', '45125']], [['钓鱼', '自驾', '摄影']], [['3', '5', '12']], [[]]])(
    '%j looks like nothing to map',
    (values) => {
      expect(looksLike(column(values), 0, ctx)).toBeNull();
    },
  );
});
