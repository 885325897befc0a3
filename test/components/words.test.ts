// Words a 4S store uses, one rule a test: each fails on the old wording.
import { describe, expect, it } from 'vitest';
import { displayValue, FIELDS, STAGES, STAGE_LABELS, VALUE_LABELS } from '../../lib/customer';
import {
  DEFAULT_RULE_SET,
  DEFEAT_REASONS,
  FLAG_LABELS,
  FUNNEL_RULE_SET,
  intentGradeLabels,
  standardById,
  type RuleSet,
} from '../../lib/grading';
import { buildGradedWorkbook } from '../../lib/sheets/workbook';
import { buildColumnDefs, gradeLabelsFor } from '../../components/customer-grid/columns';
import { MESSAGES as AUDIT } from '../../components/audit/messages';
import { MESSAGES as FOLLOW_UP } from '../../components/follow-up-form/messages';
import { MESSAGES as BULK } from '../../components/bulk-actions/messages';
import { MESSAGES as POPUP } from '../../components/popup/messages';
import { PARAM_LABELS } from '../../components/rule-settings/messages';

const RULE_SETS: [string, RuleSet][] = [
  ['乘用车跟踪标准', DEFAULT_RULE_SET],
  ['A-B-C-D 销售漏斗', FUNNEL_RULE_SET],
];

/** The words of a label with 已 and 客户 taken off: "订车 已订车" doubles 订车. */
const stems = (text: string): string[] =>
  text
    .split(/[\s（）()]+/)
    .filter(Boolean)
    .map((w) => w.replace(/^已/, '').replace(/客户$|级$/, ''));
const doubled = (text: string): boolean => new Set(stems(text)).size !== stems(text).length;

describe('O, D, M are stages, not grades', () => {
  it('the 乘用车 stages read O 订车客户, D 交车客户, M 保有客户', () => {
    const labels = Object.fromEntries(
      intentGradeLabels(DEFAULT_RULE_SET.standards.intent).map((g) => [g.id, g.label.zh]),
    );
    expect([labels.O, labels.D, labels.M]).toEqual(['O 订车客户', 'D 交车客户', 'M 保有客户']);
  });

  it.each(RULE_SETS)('with %s no stage grade reads as a grade (D级) and no label doubles a word', (_, ruleSet) => {
    for (const g of intentGradeLabels(ruleSet.standards.intent)) {
      if (g.kind !== 'band') expect(g.label.zh).not.toMatch(/级/);
      expect(doubled(g.label.zh), g.label.zh).toBe(false);
    }
  });

  it.each(RULE_SETS)('with %s the graded workbook names a sheet per grade in those words (no 保有级)', (_, ruleSet) => {
    const sheets = buildGradedWorkbook([], { ruleSet, now: new Date(2026, 10, 23, 9) }).map((s) => s.name);
    for (const g of intentGradeLabels(ruleSet.standards.intent)) {
      expect(sheets).toContain(g.label.zh);
      if (g.kind !== 'band') expect(sheets).not.toContain(`${g.id}级`);
    }
    for (const name of sheets) expect(doubled(name), name).toBe(false);
  });

  it("the grid names a grade by the rule set in use: the funnel's D is D级, the 乘用车 D is D 交车客户", () => {
    expect(gradeLabelsFor('intent', FUNNEL_RULE_SET.standards.intent).get('D')!.zh).toBe('D级');
    expect(gradeLabelsFor('intent', DEFAULT_RULE_SET.standards.intent).get('D')!.zh).toBe('D 交车客户');
    expect(gradeLabelsFor('intent', FUNNEL_RULE_SET.standards.intent).get('保有')!.zh).toBe('保有客户');
    for (const label of gradeLabelsFor('intent').values()) expect(doubled(label.zh), label.zh).toBe(false);
    const defs = buildColumnDefs({
      locale: 'zh',
      revealed: () => false,
      reasonOf: () => undefined,
      intent: FUNNEL_RULE_SET.standards.intent,
    });
    const intent = defs.find((d) => d.colId === 'grades.intent')!;
    const format = intent.valueFormatter as (p: { value: unknown }) => string;
    expect(format({ value: 'D' })).toBe('D级');
    expect(format({ value: '订车' })).toBe('订车客户');
  });
});

describe('the Chinese UI shows stage values in Chinese only', () => {
  it.each(STAGES)('%s', (stage) => {
    for (const zh of [
      VALUE_LABELS[stage].zh,
      STAGE_LABELS[stage].zh,
      displayValue(stage),
      displayValue(stage, 'zh'),
      FOLLOW_UP[`stage_${stage}`].zh,
      BULK[`stage_${stage}`].zh,
    ]) {
      expect(zh).not.toMatch(/[A-Za-z]/);
    }
    expect(displayValue(stage, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
    const defs = buildColumnDefs({ locale: 'zh', revealed: () => false, reasonOf: () => undefined });
    const format = defs.find((d) => d.colId === 'stage')!.valueFormatter as (p: { value: unknown }) => string;
    expect(format({ value: stage })).not.toMatch(/[A-Za-z]/);
  });
});

describe('one word for each thing', () => {
  it('satisfaction F is 重大客户', () => {
    expect(standardById('satisfaction').grades.find((g) => g.id === 'F')!.label.zh).toBe('F 重大客户');
    expect(PARAM_LABELS.keyAccountUses!.zh).toContain('重大客户');
  });

  it('the after-sales segments are one family: 三包期内 / 质保期内 / 质保期外', () => {
    expect(standardById('aftersales').grades.map((g) => g.label.zh)).toEqual(
      expect.arrayContaining(['三包期内', '质保期内', '质保期外']),
    );
    for (const g of standardById('aftersales').grades) expect(g.label.zh).not.toContain('保修');
  });

  it("the audit's not-yet-due is not 待跟进, the word for due today", () => {
    expect(POPUP.dueToday.zh).toContain('待跟进');
    expect(AUDIT.open.zh).toBe('未到期');
    expect(AUDIT.intro.zh).not.toContain('待跟进');
  });

  it('the portal grade is named as coming from the portal (DMS)', () => {
    expect(FIELDS.portalGrade.zh).toBe('系统原级别');
    for (const label of Object.values(FLAG_LABELS)) expect(label.zh).not.toMatch(/系统级别/);
  });

  it('every value tier has a word', () => {
    for (const g of standardById('value').grades) expect(g.label.zh).toMatch(/^[A-E] \p{Script=Han}+/u);
  });

  it('the defeat reason reads 购买竞品', () => {
    expect(DEFEAT_REASONS).toContain('购买竞品');
    expect(DEFEAT_REASONS).not.toContain('竞品');
  });

  it('settings labels are words, not a range or a comparison sign', () => {
    for (const [key, label] of Object.entries(PARAM_LABELS)) {
      expect(label.zh, key).not.toMatch(/\(\s*0\s*-\s*1\s*\)|[≥≤<>]|比例/);
      expect(label.en, key).not.toMatch(/\(\s*0\s*-\s*1\s*\)/);
    }
  });
});
