import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, FUNNEL_RULE_SET } from '../../../lib/grading';
import { auditFollowUps } from '../../../lib/followup';
import {
  buildGradedWorkbook,
  consultantAuditOf,
  writeGradedWorkbook,
  type WorkbookCustomer,
} from '../../../lib/sheets';

const NOW = new Date(2026, 10, 23, 9, 0); // 2026-11-23, local

const CUSTOMERS: WorkbookCustomer[] = [
  {
    name: '热线客户',
    phone: '13800000001',
    idNumber: '110101199003071234',
    consultant: '王芳',
    stage: 'lead',
    lastContactAt: '2026-11-18',
    expectedPurchaseAt: '2026-11-27',
    district: '惠城区',
  },
  {
    name: '观望客户',
    phone: '13800000002',
    consultant: '王芳',
    stage: 'lead',
    lastContactAt: '2026-10-01',
    expectedPurchaseAt: '2027-06-01',
    district: '惠城区',
  },
  {
    name: '李强的客户',
    phone: '13800000003',
    consultant: '李强',
    stage: 'lead',
    lastContactAt: '2026-11-10',
    expectedPurchaseAt: '2026-12-10',
  },
  {
    name: '嫌贵',
    phone: '13800000004',
    consultant: '李强',
    stage: 'defeated',
    defeatReason: '太贵了',
    intendedModel: '朗逸',
    lastContactAt: '2026-09-01',
  },
  {
    name: '买了别家',
    phone: '13800000005',
    consultant: '王芳',
    stage: 'defeated',
    defeatReason: '竞品',
    competitor: '丰田卡罗拉',
    intendedModel: '朗逸',
    lastContactAt: '2026-11-20',
  },
  {
    name: '老车主',
    phone: '13800000006',
    stage: 'owner',
    vin: 'LSVAU2180N2183294',
    vehicleModel: '朗逸',
    purchasedAt: '2024-05-01',
    lastServiceAt: '2026-03-01',
    serviceVisits: 4,
    district: '博罗县',
    eventsAttended: 2,
    referrals: 1,
    complaints: 0,
  },
  {
    name: '新车主',
    phone: '13800000007',
    stage: 'owner',
    vin: 'LSVAU2180N2183295',
    vehicleModel: '途观L',
    purchasedAt: '2025-08-01',
    lastServiceAt: '2026-11-01',
    serviceVisits: 2,
    district: '惠城区',
    complaints: 0,
    eventsAttended: 1,
  },
];

function read(bytes: Uint8Array) {
  const wb = XLSX.read(bytes, { type: 'array' });
  const rows = (name: string) => XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[name]!, { defval: '' });
  const grid = (name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, defval: '' });
  return { names: wb.SheetNames, rows, grid, wb };
}

const BOOK = await writeGradedWorkbook(CUSTOMERS, { ruleSet: DEFAULT_RULE_SET, now: NOW, fullNumbers: true });

describe('the graded workbook (docs/workbench.md#export)', () => {
  const book = read(BOOK);

  it('has the sheets in the order of the issue: summary, one per intent grade and 战败, due, audit, regional, defeat analysis, churn', () => {
    expect(book.names).toEqual([
      '客户分级总表',
      'H级',
      'A级',
      'B级',
      'C级',
      'O 订车客户',
      'D 交车客户',
      'M 保有客户',
      '战败',
      '待跟进',
      '跟进检核',
      '区域集中度',
      '战败分析',
      '流失',
    ]);
  });

  it('the summary lists every customer with every grade, the reason, the next due date and the consultant', () => {
    const rows = book.rows('客户分级总表');
    expect(rows).toHaveLength(CUSTOMERS.length);
    const hot = rows.find((r) => r['姓名'] === '热线客户')!;
    expect(hot).toMatchObject({
      手机: '13800000001',
      身份证号: '110101199003071234',
      销售顾问: '王芳',
      意向级别: 'H',
      阶段: '潜在客户',
    });
    expect(String(hot['分级原因'])).toMatch(/预计/);
    // A real Excel date, shown as the day.
    const cell = book.wb.Sheets['客户分级总表']!['I2'] as XLSX.CellObject;
    expect(book.grid('客户分级总表')[0]![8]).toBe('下次跟进');
    expect(cell.t).toBe('n');
    const owner = rows.find((r) => r['姓名'] === '老车主')!;
    expect(owner['流失预警']).toBe('流失');
    expect(String(owner['分级原因'])).toContain('6 个月');
  });

  it('each intent grade sheet holds the customers of that grade only', () => {
    expect(book.rows('H级').map((r) => r['姓名'])).toEqual(['热线客户']);
    expect(book.rows('C级').map((r) => r['姓名'])).toEqual(['观望客户']);
    expect(book.rows('战败').map((r) => [r['姓名'], r['战败原因']])).toEqual([
      ['嫌贵', '价格高'],
      ['买了别家', '购买竞品'],
    ]);
  });

  it('待跟进 lists due and overdue follow-ups by consultant, oldest first', () => {
    const rows = book.rows('待跟进');
    const byConsultant = rows.map((r) => [r['销售顾问'], r['姓名']]);
    // 李强 before 王芳 (pinyin order); within a consultant the oldest due date first.
    expect(byConsultant).toEqual([
      ['李强', '嫌贵'],
      ['李强', '李强的客户'],
      ['王芳', '观望客户'],
      ['王芳', '热线客户'],
    ]);
    expect(rows[0]!['跟进状态']).toBe('逾期');
  });

  it('跟进检核 says it needs follow-ups logged when no audit is given', () => {
    expect(String(book.rows('跟进检核')[0]!['说明'])).toMatch(/跟进记录/);
  });

  it('跟进检核 shows the audit per consultant with a total and the on-time rate', async () => {
    const audited = read(
      await writeGradedWorkbook(CUSTOMERS, {
        ruleSet: DEFAULT_RULE_SET,
        now: NOW,
        audit: [
          { consultant: '王芳', due: 10, doneOnTime: 7, late: 2, missed: 1 },
          { consultant: '李强', due: 5, doneOnTime: 5, late: 0, missed: 0 },
        ],
      }),
    );
    const rows = audited.rows('跟进检核');
    expect(rows.map((r) => [r['销售顾问'], r['应跟进'], r['按时完成'], r['未跟进']])).toEqual([
      ['王芳', 10, 7, 1],
      ['李强', 5, 5, 0],
      ['合计', 15, 12, 1],
    ]);
    expect(rows[2]!['按时率']).toBeCloseTo(0.8);
  });

  it('跟进检核 reads the audit of lib/followup: per consultant, due, on time, late, missed', () => {
    const report = auditFollowUps({
      customers: [
        { id: 'a', consultant: '王芳', grade: 'H', lastContactAt: '2026-11-10' },
        { id: 'b', consultant: '李强', grade: 'A', lastContactAt: '2026-11-01' },
      ],
      followUps: [
        { id: 'f1', customerId: 'a', at: '2026-11-12T10:00', channel: 'phone', outcome: '已联系', consultant: '王芳' },
      ],
      cadences: { byGrade: { H: 2, A: 7 }, stageGrades: {} },
      from: '2026-11-01',
      to: '2026-11-23',
      now: NOW,
    });
    const lines = consultantAuditOf(report);
    expect(lines.map((l) => l.consultant).sort()).toEqual(['李强', '王芳']);
    const wang = lines.find((l) => l.consultant === '王芳')!;
    expect(wang.doneOnTime).toBe(report.byConsultant['王芳']!.total.onTime);
    expect(wang.due).toBe(report.byConsultant['王芳']!.total.due);
    expect(consultantAuditOf({ ...report, total: { ...report.total, due: 0 } })).toEqual([]);
  });

  it('区域集中度 has districts down, years across with the three tiers and subtotals, and a totals row and column', () => {
    const grid = book.grid('区域集中度');
    const header = grid[0] as string[];
    expect(header[0]).toBe('区域');
    expect(header.slice(1, 5)).toEqual(['2024 优质', '2024 潜力', '2024 一般', '2024 小计']);
    expect(header.slice(-4)).toEqual(['合计 优质', '合计 潜力', '合计 一般', '总计']);
    const last = grid[grid.length - 1] as unknown[];
    expect(last[0]).toBe('合计');
    expect(last[last.length - 1]).toBe(
      grid.slice(1, -1).reduce((n, r) => n + Number((r as unknown[])[header.length - 1]), 0),
    );
  });

  it('战败分析 is a Pareto by reason with shares, then blocks by consultant and by intended model', () => {
    const grid = book.grid('战败分析');
    expect(grid[0]).toEqual(['战败原因', '战败数', '占比', '累计占比']);
    expect(grid[1]).toEqual(['价格高', 1, 0.5, 0.5]);
    expect(grid[3]).toEqual(['合计', 2, 1, '']);
    const flat = grid.map((r) => r[0]);
    expect(flat).toContain('销售顾问');
    expect(flat).toContain('意向车型');
    expect(grid.find((r) => r[0] === '朗逸')).toEqual(['朗逸', 2, 1, '价格高（1）']);
  });

  it('流失 lists churned and at-risk owners with the days since the last service and the threshold used', () => {
    const rows = book.rows('流失');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      状态: '流失',
      姓名: '老车主',
      '距上次进站（天）': 267,
      判定标准: '6 个月',
      车架号: 'LSVAU2180N2183294',
    });
  });

  it('masks mobiles and ID numbers by default, and writes them in full only when the user chooses so', async () => {
    const masked = read(await writeGradedWorkbook(CUSTOMERS, { ruleSet: DEFAULT_RULE_SET, now: NOW }));
    const hot = masked.rows('客户分级总表').find((r) => r['姓名'] === '热线客户')!;
    expect(hot['手机']).toBe('138****0001');
    expect(hot['身份证号']).toBe('110101********1234');
    for (const name of masked.names)
      for (const row of masked.rows(name)) expect(String(row['手机'] ?? '')).not.toMatch(/^\d{11}$/);
    const full = read(BOOK)
      .rows('客户分级总表')
      .find((r) => r['姓名'] === '热线客户')!;
    expect(full['手机']).toBe('13800000001');
    expect(full['身份证号']).toBe('110101199003071234');
  });

  it('takes the intent grades of the rule set in use (the A-B-C-D funnel)', () => {
    const names = buildGradedWorkbook(CUSTOMERS, { ruleSet: FUNNEL_RULE_SET, now: NOW }).map((s) => s.name);
    const intent = FUNNEL_RULE_SET.standards.intent;
    expect(names.slice(1, 1 + intent.bands.length)).toEqual(intent.bands.map((b) => `${b.grade}级`));
  });

  it('an empty store still gives every sheet, the analyses saying there is nothing yet', async () => {
    const empty = read(await writeGradedWorkbook([], { ruleSet: DEFAULT_RULE_SET, now: NOW }));
    expect(empty.names).toHaveLength(14);
    expect(String(empty.rows('战败分析')[0]!['说明'])).toMatch(/没有战败客户/);
  });
});

const BOOK_EN = await writeGradedWorkbook(CUSTOMERS, {
  ruleSet: DEFAULT_RULE_SET,
  now: NOW,
  locale: 'en',
  fullNumbers: true,
});

describe("the summary rows keep the grading's flags", () => {
  // One customer per kind of flag the run API gives, and one with none.
  const flagged: WorkbookCustomer[] = [
    { name: '缺日期', stage: 'lead', portalGrade: 'H' },
    { name: '级别冲突', portalGrade: 'H', defeatReason: '太贵了', lastContactAt: '2026-11-20' },
    {
      name: '预计已过',
      stage: 'lead',
      portalGrade: 'A',
      lastContactAt: '2026-11-20',
      expectedPurchaseAt: '2026-10-01',
    },
    { name: '未来日期', stage: 'lead', portalGrade: 'A', lastContactAt: '2026-12-20' },
    { name: '无提示', stage: 'lead', portalGrade: 'B', lastContactAt: '2026-11-20' },
  ];
  const flagsOf = (sheets: ReturnType<typeof buildGradedWorkbook>, header: string) => {
    const summary = sheets[0]!;
    const column = summary.columns.find((c) => c.header === header)!;
    expect(column, header).toBeDefined();
    return summary.rows.map((r) => String(column.get!(r) ?? ''));
  };

  it('in Chinese, as the store reads them (资料不全, 级别冲突 …), each flag once', () => {
    const flags = flagsOf(buildGradedWorkbook(flagged, { ruleSet: DEFAULT_RULE_SET, now: NOW }), '提示');
    expect(flags[0]).toBe('资料不全');
    expect(flags[1]).toBe('级别冲突: 系统原级别与其他列不符');
    expect(flags[2]).toContain('预计购车日期已过');
    expect(flags[3]).toBe('日期在今天之后');
    expect(flags[4]).toBe('');
  });

  it('in English when the user reads English', () => {
    const sheets = buildGradedWorkbook(flagged, { ruleSet: DEFAULT_RULE_SET, now: NOW, locale: 'en' });
    const flags = flagsOf(sheets, 'Flags');
    expect(flags[0]).toBe('Missing data');
    expect(flags[1]).toMatch(/^Grade conflict/);
    expect(flags[4]).toBe('');
  });

  it('in the written file', async () => {
    const book = read(await writeGradedWorkbook(flagged, { ruleSet: DEFAULT_RULE_SET, now: NOW }));
    const rows = book.rows('客户分级总表');
    expect(rows.find((r) => r['姓名'] === '缺日期')!['提示']).toBe('资料不全');
  });
});

describe("the graded workbook in the user's language", () => {
  const zh = read(BOOK);
  const en = read(BOOK_EN);
  const CJK = /[\u4e00-\u9fff]/;

  it('names every sheet and header in English when the user reads English, in the same order', () => {
    expect(en.names).toHaveLength(zh.names.length);
    for (const name of en.names) expect(name).not.toMatch(CJK);
    for (const name of en.names) {
      const header = en.grid(name)[0] as string[];
      // Pivot headers carry the years; a note sheet holds both languages in its rows, not its header.
      for (const h of header) expect(h, `${name}: ${h}`).not.toMatch(CJK);
    }
  });

  it('writes grade labels, stages, follow-up states and reasons in English, as the workbench shows them', () => {
    const rows = en.rows('Graded customers');
    const hot = rows.find((r) => r['Name'] === '热线客户')!;
    expect(hot).toMatchObject({ Mobile: '13800000001', Stage: 'Lead', Intent: 'H' });
    expect(String(hot['Why'])).not.toMatch(CJK);
    expect(String(hot['Why']).length).toBeGreaterThan(0);
    const owner = rows.find((r) => r['Name'] === '老车主')!;
    for (const key of ['Loyalty tier', 'Value tier', 'Churn', 'After-sales segment'])
      expect(String(owner[key]), key).not.toMatch(CJK);
    // The same customers, the same grades: only the words change.
    expect(rows.map((r) => r['Intent'])).toEqual(zh.rows('客户分级总表').map((r) => r['意向级别']));
  });

  it('Chinese stays the default', () => {
    expect(zh.names[0]).toBe('客户分级总表');
    expect(zh.grid('客户分级总表')[0]).toContain('满意度分级');
  });
});
