import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, FUNNEL_RULE_SET, followUpCadences } from '../../../lib/grading';
import { WIN_BACK_GRADE } from '../../../lib/grading/cadences';
import { editedRuleSet } from './helpers';

describe("the cadences the manager's audit applies (docs/grading.md#a3-the-grade-in-force and 战败客户)", () => {
  it('乘用车跟踪标准: H every 2 days, A 7, B 15, C 30; ordered kept informed every 7; win-back every 30', () => {
    expect(followUpCadences(DEFAULT_RULE_SET).byGrade).toEqual({
      H: 2,
      A: 7,
      B: 15,
      C: 30,
      O: 7,
      [WIN_BACK_GRADE]: 30,
    });
  });

  it('the purchase funnel has its own grades and cadences', () => {
    expect(followUpCadences(FUNNEL_RULE_SET).byGrade).toEqual({
      A: 7,
      B: 15,
      C: 30,
      D: 60,
      订车: 7,
      [WIN_BACK_GRADE]: 30,
    });
  });

  it('a stage stands for its grade of the rule set', () => {
    expect(followUpCadences(FUNNEL_RULE_SET).stageGrades).toEqual({
      ordered: '订车',
      delivered: '交车',
      owner: '保有',
      defeated: WIN_BACK_GRADE,
    });
  });

  it("an edited cadence is the audit's cadence; a standard switched off sets none", () => {
    const rs = editedRuleSet((r) => {
      r.standards.intent.bands[0]!.cadenceDays = 3;
      r.standards.defeated.enabled = false;
    });
    expect(followUpCadences(rs).byGrade).toEqual({ H: 3, A: 7, B: 15, C: 30, O: 7 });
  });
});
