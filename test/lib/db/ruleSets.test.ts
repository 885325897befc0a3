import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, FUNNEL_RULE_SET, RULE_SET_VERSION, type RuleSet } from '../../../lib/grading';
import {
  ACTIVE_RULE_SET_KEY,
  activeRuleSet,
  deleteRuleSet,
  listRuleSets,
  loadRuleSet,
  saveRuleSet,
  setActiveRuleSet,
} from '../../../lib/db';
import { at, freshDatabase } from './helpers';
import { ruleSet } from '../../factories';

const NOW = at('2026-03-02T02:00:00Z');

describe('rule sets: the presets are built in and read-only, a manager edits a copy', () => {
  it('lists the two presets of docs/grading.md#g01-rule-sets active until a manager chooses another', async () => {
    const db = freshDatabase();
    const list = await listRuleSets(db);
    expect(list.map((l) => [l.ruleSet.name.zh, l.builtIn, l.active])).toEqual([
      ['乘用车跟踪标准', true, true],
      ['销售漏斗 A-B-C-D', true, false],
    ]);
    expect(await activeRuleSet(db)).toBe(DEFAULT_RULE_SET);
  });

  it('stores a copy, lists it after the presets, and reads it back as saved', async () => {
    const db = freshDatabase();
    const copy = ruleSet({ name: '我的规则' });
    copy.standards.intent.bands[0]!.cadenceDays = 3;
    expect(await saveRuleSet(db, copy, NOW)).toEqual({ ok: true });
    const list = await listRuleSets(db);
    expect(list).toHaveLength(3);
    expect(list[2]).toMatchObject({ builtIn: false, active: false, savedAt: NOW.toISOString() });
    expect(list[2]!.ruleSet).toEqual(copy);
    expect(await loadRuleSet(db, copy.id)).toEqual(copy);
  });

  it('refuses an H cadence of -1 days whole, with the message at the field, and stores nothing', async () => {
    const db = freshDatabase();
    const copy = ruleSet({ name: '我的规则' });
    copy.standards.intent.bands[0]!.cadenceDays = -1;
    copy.standards.churn.warningShare = 2;
    const result = await saveRuleSet(db, copy, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      'standards.intent.bands.0.cadenceDays',
      'standards.churn.warningShare',
    ]);
    expect(result.errors[0]!.message.zh).toContain('不能为负数');
    expect(await db.ruleSets.count()).toBe(0);
  });

  it('refuses to save over a built-in preset', async () => {
    const db = freshDatabase();
    const edited = structuredClone(FUNNEL_RULE_SET) as RuleSet;
    edited.standards.intent.bands[0]!.cadenceDays = 3;
    const result = await saveRuleSet(db, edited, NOW);
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'builtIn' }] });
    expect(await db.ruleSets.count()).toBe(0);
  });

  it('brings an older stored rule set up to date when read: a standard it did not know is added switched off', async () => {
    const db = freshDatabase();
    const old = JSON.parse(JSON.stringify(ruleSet({ name: '旧规则' }))) as Record<string, unknown> & {
      standards: Record<string, unknown>;
    };
    delete old.standards.satisfaction;
    delete (old.standards.churn as Record<string, unknown>).warningShare;
    old.version = 1;
    await db.ruleSets.put({ id: old.id as string, ruleSet: old, savedAt: NOW.toISOString() });
    const read = (await loadRuleSet(db, old.id as string))!;
    expect(read.version).toBe(RULE_SET_VERSION);
    expect(read.standards.satisfaction).toEqual({ ...DEFAULT_RULE_SET.standards.satisfaction, enabled: false });
    expect(read.standards.churn.warningShare).toBe(DEFAULT_RULE_SET.standards.churn.warningShare);
  });

  it('lists a stored rule set that no longer validates with its errors, and never grades by it', async () => {
    const db = freshDatabase();
    const future = { ...ruleSet({ name: '新版本写的规则' }), version: RULE_SET_VERSION + 1 };
    await db.ruleSets.put({ id: future.id, ruleSet: future, savedAt: NOW.toISOString() });
    const listed = (await listRuleSets(db))[2]!;
    expect(listed.errors?.map((e) => e.path)).toEqual(['version']);
    expect(await loadRuleSet(db, future.id)).toBeUndefined();
    expect(await setActiveRuleSet(db, future.id)).toMatchObject({ ok: false });
    // Even when the setting names it (written by a newer DealerLens), grading falls back to the default.
    await db.settings.put({ key: ACTIVE_RULE_SET_KEY, value: future.id });
    expect(await activeRuleSet(db)).toBe(DEFAULT_RULE_SET);
  });
});

describe('the active rule set', () => {
  it('is a setting: a preset or a stored copy can be made active', async () => {
    const db = freshDatabase();
    expect(await setActiveRuleSet(db, FUNNEL_RULE_SET.id)).toEqual({ ok: true });
    expect(await activeRuleSet(db)).toBe(FUNNEL_RULE_SET);
    const copy = ruleSet({ name: '我的规则' });
    await saveRuleSet(db, copy, NOW);
    expect(await setActiveRuleSet(db, copy.id)).toEqual({ ok: true });
    expect(await activeRuleSet(db)).toEqual(copy);
    expect((await listRuleSets(db)).filter((l) => l.active).map((l) => l.ruleSet.id)).toEqual([copy.id]);
  });

  it('refuses an id that is no rule set', async () => {
    const db = freshDatabase();
    expect(await setActiveRuleSet(db, 'user:gone')).toMatchObject({ ok: false, errors: [{ path: 'id' }] });
    expect(await activeRuleSet(db)).toBe(DEFAULT_RULE_SET);
  });

  it('cannot be deleted, nor can a preset; another copy can', async () => {
    const db = freshDatabase();
    const used = ruleSet({ name: '在用' });
    const spare = ruleSet({ name: '备用' });
    await saveRuleSet(db, used, NOW);
    await saveRuleSet(db, spare, NOW);
    await setActiveRuleSet(db, used.id);
    expect(await deleteRuleSet(db, used.id)).toMatchObject({ ok: false });
    expect(await deleteRuleSet(db, DEFAULT_RULE_SET.id)).toMatchObject({ ok: false });
    expect(await deleteRuleSet(db, spare.id)).toEqual({ ok: true });
    expect((await db.ruleSets.toArray()).map((r) => r.id)).toEqual([used.id]);
  });
});
