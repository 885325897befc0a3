import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_RULE_SETS,
  copyRuleSet,
  DEFAULT_RULE_SET,
  migrateRuleSet,
  STANDARDS,
  validateRuleSet,
  type RuleSet,
} from '../../../lib/grading';
import { editedRuleSet } from './helpers';

const errorsOf = (edit: (r: RuleSet & Record<string, unknown>) => void) => {
  const r = editedRuleSet(edit as (r: RuleSet) => void);
  const result = validateRuleSet(r);
  return result.ok ? [] : result.errors.map((e) => [e.path, e.message.zh]);
};

describe('rule sets', () => {
  it('the built-in presets are valid and read-only', () => {
    for (const r of BUILT_IN_RULE_SETS) {
      expect(validateRuleSet(r)).toEqual({ ok: true });
      expect(r.builtIn).toBe(true);
      expect(() => {
        (r.standards.intent.bands[0] as { cadenceDays: number }).cadenceDays = 9;
      }).toThrow();
    }
  });

  it('every preset number of docs/grading.md#g01-rule-sets a rule-set value', () => {
    const s = DEFAULT_RULE_SET.standards;
    expect(s.intent.bands.map((b) => [b.grade, b.within, b.unit, b.cadenceDays])).toEqual([
      ['H', 7, 'day', 2],
      ['A', 1, 'month', 7],
      ['B', 3, 'month', 15],
      ['C', null, 'month', 30],
    ]);
    expect([
      s.intent.delivered.arrivalCallHours,
      s.intent.delivered.weekCallDays,
      s.intent.delivered.firstServiceReminderDaysBefore,
      s.intent.delivered.quarterCallDays,
    ]).toEqual([2, 7, 3, 90]);
    expect([s.churn.thresholdMonths, s.churn.serviceIntervalKm, s.defeated.winBackCadenceDays]).toEqual([6, 7500, 30]);
    expect([s.aftersales.sanbao, s.aftersales.warranty]).toEqual([
      { years: 2, km: 50000 },
      { years: 3, km: 100000 },
    ]);
    expect([
      s.satisfaction.partsWaitDays,
      s.satisfaction.repairDays,
      s.satisfaction.repeatRepairsInMonth,
      s.satisfaction.unresolvedCaseDays,
    ]).toEqual([3, 7, 2, 20]);
    expect(s.defeated.reasons).toHaveLength(10);
  });

  it('a copy is editable, not built in, and remembers its source', () => {
    const copy = copyRuleSet(DEFAULT_RULE_SET, 'mine', { zh: '我的标准', en: 'Mine' });
    copy.standards.intent.bands[0]!.cadenceDays = 3;
    expect(copy).toMatchObject({ builtIn: false, basedOn: 'builtin:passenger' });
    expect(DEFAULT_RULE_SET.standards.intent.bands[0]!.cadenceDays).toBe(2);
  });

  it.each([
    [
      'negative days',
      (r: RuleSet) => (r.standards.defeated.winBackCadenceDays = -1),
      'standards.defeated.winBackCadenceDays',
      '不能为负数',
    ],
    [
      'a zero cadence',
      (r: RuleSet) => (r.standards.intent.bands[1]!.cadenceDays = 0),
      'standards.intent.bands.1.cadenceDays',
      '不能小于 1',
    ],
    [
      'unordered intent bands',
      (r: RuleSet) => Object.assign(r.standards.intent.bands[1]!, { within: 5, unit: 'day' }),
      'standards.intent.bands.1.within',
      '必须比上一级更长',
    ],
    [
      'an open band before the last',
      (r: RuleSet) => (r.standards.intent.bands[2]!.within = null),
      'standards.intent.bands.2.within',
      '只有最后一级',
    ],
    [
      'a repeated grade',
      (r: RuleSet) => (r.standards.intent.ordered.grade = 'H'),
      'standards.intent.ordered.grade',
      '重复',
    ],
    [
      'overlapping value bands',
      (r: RuleSet) => Object.assign(r.standards.value.bands[1]!, { minSpend: 20000, minVisitsPerYear: 3 }),
      'standards.value.bands.1.minSpend',
      '重叠',
    ],
    [
      'a lower value band asking for more',
      (r: RuleSet) => (r.standards.value.bands[2]!.minSpend = 50000),
      'standards.value.bands.2.minSpend',
      '不能高于上一档',
    ],
    [
      'weights out of range',
      (r: RuleSet) => (r.standards.loyalty.weights.events = 120),
      'standards.loyalty.weights.events',
      '不能大于 100',
    ],
    [
      'weights not adding up to 100',
      (r: RuleSet) => (r.standards.loyalty.weights.events = 20),
      'standards.loyalty.weights',
      '合计应为 100',
    ],
    [
      'tier thresholds inverted',
      (r: RuleSet) => (r.standards.loyalty.thresholds.potential = 80),
      'standards.loyalty.thresholds.potential',
      '潜力线必须低于优质线',
    ],
    [
      'a warning share over 1',
      (r: RuleSet) => (r.standards.churn.warningShare = 1.5),
      'standards.churn.warningShare',
      '不能大于 1',
    ],
    [
      'a warranty shorter than 三包',
      (r: RuleSet) => (r.standards.aftersales.warranty.years = 1),
      'standards.aftersales.warranty.years',
      '不能短于三包',
    ],
    [
      'an unknown field',
      (r: RuleSet) => Object.assign(r.standards.churn, { months: 6 }),
      'standards.churn.months',
      '未知字段',
    ],
    [
      'an unknown holiday',
      (r: RuleSet) => (r.standards.intent.owner.holidays as string[]).push('christmas'),
      'standards.intent.owner.holidays.8',
      '之一',
    ],
    [
      'a synonym for a reason not in the list',
      (r: RuleSet) => (r.standards.defeated.synonyms['太远'] = ['距离']),
      'standards.defeated.synonyms.太远',
      '不在原因列表中',
    ],
    [
      'delivery calls counting from a negative lead',
      (r: RuleSet) => (r.standards.intent.delivered.callLeadDays = -1),
      'standards.intent.delivered.callLeadDays',
      '不能为负数',
    ],
    [
      'delivery calls counting from over a month early',
      (r: RuleSet) => (r.standards.intent.delivered.callLeadDays = 31),
      'standards.intent.delivered.callLeadDays',
      '不能大于 30',
    ],
    [
      'a missing standard',
      (r: RuleSet) => delete (r.standards as Partial<RuleSet['standards']>).value,
      'standards.value',
      '缺少此项',
    ],
  ])('refuses %s with a message at the field', (_, edit, path, words) => {
    const errors = errorsOf(edit as (r: RuleSet) => void);
    expect(errors.map(([p]) => p)).toContain(path);
    expect(errors.find(([p]) => p === path)![1]).toContain(words);
  });

  it('messages come in Chinese and English', () => {
    const r = editedRuleSet((x) => (x.standards.defeated.winBackCadenceDays = -1));
    const result = validateRuleSet(r);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toEqual({ zh: '不能为负数', en: 'must not be negative' });
  });

  it('migration fills what an older rule set lacks: a new standard switched off, a new parameter at its default', () => {
    const old = JSON.parse(JSON.stringify(copyRuleSet(DEFAULT_RULE_SET, 'old', { zh: '旧', en: 'old' })));
    delete old.standards.satisfaction;
    delete old.standards.churn.warningShare;
    delete old.standards.intent.delivered.callLeadDays;
    delete old.version;
    const migrated = migrateRuleSet(old) as RuleSet;
    expect(validateRuleSet(migrated)).toEqual({ ok: true });
    expect(migrated.standards.satisfaction.enabled).toBe(false);
    expect(migrated.standards.churn.warningShare).toBe(0.8);
    expect(migrated.standards.intent.delivered.callLeadDays).toBe(3);
  });

  it('a rule set from a newer version is refused, not guessed', () => {
    const newer = { ...copyRuleSet(DEFAULT_RULE_SET, 'n', { zh: '新', en: 'new' }), version: 99 };
    expect(validateRuleSet(migrateRuleSet(newer))).toMatchObject({ ok: false, errors: [{ path: 'version' }] });
  });

  it('the registry lists each standard once, each with a bilingual name', () => {
    expect(new Set(STANDARDS.map((s) => s.id)).size).toBe(7);
    for (const s of STANDARDS) expect(s.name.zh && s.name.en).toBeTruthy();
  });
});
