/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RuleSettings, previewText } from '../../components/rule-settings/RuleSettings';
import { activeRuleSet, lastGraded } from '../../lib/db';
import type { DealerLensDB, StoredCustomer } from '../../lib/db';
import { DEFAULT_RULE_SET } from '../../lib/grading';
import { freshDatabase } from '../lib/db/helpers';
import * as make from '../factories';
import { freshRoot, unmountRoot } from './mount';

const NOW = new Date(2026, 2, 2, 9);
const H_CADENCE = 'standards.intent.bands.0.cadenceDays';

let db: DealerLensDB;
let root: Root;
let container: HTMLElement;

function customer(id: string, name: string, portalGrade: string): StoredCustomer {
  return make.lead(id, { name, phone: `1381234${id.padStart(4, '0')}`, portalGrade, lastContactAt: '2026-03-01' });
}

beforeEach(async () => {
  db = freshDatabase();
  await db.customers.bulkPut([customer('1', '张伟', 'H'), customer('2', '王芳', 'C')]);
  ({ container, root } = freshRoot());
  await act(async () => root.render(<RuleSettings db={db} now={() => NOW} />));
});

afterEach(() => unmountRoot(root, container));

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);

function button(text: RegExp, within: ParentNode = container): HTMLButtonElement {
  const found = Array.from(within.querySelectorAll('button')).find((b) => text.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
}

async function type(selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(selector)!;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the rule settings view', () => {
  it('shows the presets read-only, and a copy editable with a field per parameter', async () => {
    await vi.waitFor(() => expect(container.querySelectorAll('li[data-rule-set^="builtin:"]')).toHaveLength(2));
    expect($<HTMLInputElement>(`[data-path="${H_CADENCE}"]`)!.disabled).toBe(true);
    await click(button(/复制为我的规则/, $('li[data-rule-set="builtin:passenger"]')!));
    const field = $<HTMLInputElement>(`[data-path="${H_CADENCE}"]`)!;
    expect(field.disabled).toBe(false);
    expect(field.value).toBe('2');
    // Generated from the data: each standard's switch, 三包 years and km, the churn warning share, the reason list.
    for (const path of [
      'standards.churn.enabled',
      'standards.aftersales.sanbao.years',
      'standards.aftersales.sanbao.km',
      'standards.churn.warningShare',
      'standards.defeated.reasons',
      'standards.value.mode',
    ]) {
      expect($(`[data-path="${path}"]`), path).not.toBeNull();
    }
  });

  it("shows how early a delivery call may be made, in a manager's words, and refuses more than a month", async () => {
    await vi.waitFor(() => expect($('li[data-rule-set="builtin:passenger"]')).not.toBeNull());
    await click(button(/复制为我的规则/, $('li[data-rule-set="builtin:passenger"]')!));
    const path = 'standards.intent.delivered.callLeadDays';
    const field = $<HTMLInputElement>(`[data-path="${path}"]`)!;
    expect(field.value).toBe('3');
    expect(field.closest('label')!.textContent).toContain('回访提前几天打也算 (天)');
    expect(field.closest('label')!.textContent).toContain('A call counts when made up to (days early)');
    await type(`[data-path="${path}"]`, '31');
    expect($(`[data-error-for="${path}"]`)?.textContent).toContain('不能大于 30');
  });

  it("shows a negative cadence's message at its field and refuses to save anything", async () => {
    await vi.waitFor(() => expect($('li[data-rule-set="builtin:passenger"]')).not.toBeNull());
    await click(button(/复制为我的规则/, $('li[data-rule-set="builtin:passenger"]')!));
    await type(`[data-path="${H_CADENCE}"]`, '-1');
    expect($(`[data-error-for="${H_CADENCE}"]`)?.textContent).toContain('不能为负数');
    await click(button(/^保存/));
    expect(container.textContent).toContain('未保存: 有 1 处需要修改');
    expect($('[role="dialog"]')).toBeNull();
    expect(await db.ruleSets.count()).toBe(0);
  });

  it('saves after a preview and a confirmation: the copy is active and the customers re-graded', async () => {
    await vi.waitFor(() => expect($('li[data-rule-set="builtin:passenger"]')).not.toBeNull());
    await click(button(/复制为我的规则/, $('li[data-rule-set="builtin:passenger"]')!));
    await type(`[data-path="${H_CADENCE}"]`, '3');
    await click(button(/^保存/));
    await vi.waitFor(() => expect($('[role="dialog"]')?.textContent).toContain('另有 1 位客户的跟进日期改变'));
    expect(await db.ruleSets.count()).toBe(0);
    await click(button(/确认并启用/, $('[role="dialog"]')!));
    await vi.waitFor(() => expect($('[role="status"]')?.textContent).toContain('重新分级 2 位客户'));
    const active = await activeRuleSet(db);
    expect(active.id).not.toBe(DEFAULT_RULE_SET.id);
    expect(active.standards.intent.bands[0]!.cadenceDays).toBe(3);
    expect((await lastGraded(db))?.ruleSetId).toBe(active.id);
    expect((await db.customers.get('1'))!.grades).toMatchObject({ intent: 'H', nextDueAt: '2026-03-04' });
  });

  it('撤销这次规则变更 puts the preset and every due day back', async () => {
    await vi.waitFor(() => expect($('li[data-rule-set="builtin:passenger"]')).not.toBeNull());
    await click(button(/复制为我的规则/, $('li[data-rule-set="builtin:passenger"]')!));
    await type(`[data-path="${H_CADENCE}"]`, '3');
    await click(button(/^保存/));
    await vi.waitFor(() => expect($('[role="dialog"]')?.textContent).toContain('另有 1 位客户的跟进日期改变'));
    await click(button(/确认并启用/, $('[role="dialog"]')!));
    await vi.waitFor(() => expect($('[role="status"]')?.textContent).toContain('重新分级 2 位客户'));
    expect((await db.customers.get('1'))!.grades?.nextDueAt).toBe('2026-03-04');

    await click(button(/撤销这次规则变更/, $('[role="status"]')!));
    await vi.waitFor(() => expect($('[role="status"]')?.textContent).toContain('已撤销'));
    expect((await activeRuleSet(db)).id).toBe(DEFAULT_RULE_SET.id);
    expect((await db.customers.get('1'))!.grades).toMatchObject({ intent: 'H', nextDueAt: '2026-03-03' });
    expect(container.textContent).not.toContain('撤销这次规则变更');
  });

  it("试算: reads each grade's reason for a customer found by name", async () => {
    await type('[data-path="try:search"]', '张伟');
    await vi.waitFor(() => expect(button(/张伟/, $('.try-results')!)).toBeTruthy());
    await click(button(/张伟/, $('.try-results')!));
    const intent = $('.try-grades [data-standard="intent"]')!;
    expect(intent.textContent).toContain('H');
    expect(intent.querySelector('.reason')?.textContent).toMatch(/标准 2 天/);
  });
});

describe('the preview line', () => {
  it('reads "将改变 N 位客户的级别: 意向级别 12, 流失 3"', () => {
    const text = previewText({
      total: 100,
      changed: 14,
      dueChanged: 0,
      byStandard: { intent: { changed: 12, transitions: {} }, churn: { changed: 3, transitions: {} } },
    });
    expect(text.zh).toBe('将改变 14 位客户的级别: 意向级别 12, 流失 3');
    expect(text.en).toBe('14 customers change grade: intent 12, churn 3');
  });
});
