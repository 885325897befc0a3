/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FollowUpForm } from '../../components/follow-up-form/FollowUpForm';
import { proposeNextContact } from '../../components/follow-up-form/cadence';
import { CustomerDrawer } from '../../components/customer-drawer/CustomerDrawer';
import { DEFAULT_RULE_SET } from '../../lib/grading';
import { regradeCustomers, type DealerLensDB, type LoggedFollowUp, type StoredCustomer } from '../../lib/db';
import { freshDatabase } from '../lib/db/helpers';
import { lead, STORED_AT } from '../factories';
import { freshRoot, unmountRoot } from './mount';

/** 10 March 2026, 09:00 local: the A lead below, last called 1 March, is 2 days overdue. */
const NOW = new Date(2026, 2, 10, 9);
const now = () => NOW;

let db: DealerLensDB;
let root: Root;
let container: HTMLElement;

/** 张伟, an A lead of 王芳's last called on 1 March, with an extra column and the portal's detail page. */
function aLead(): StoredCustomer {
  return lead('c1', {
    name: '张伟',
    lastContactAt: '2026-03-01',
    consultant: '王芳',
    extra: { 意向颜色: '白色' },
    provenance: {
      pageUrl: 'http://dms.example.com/crm/list',
      capturedAt: STORED_AT,
      detailUrl: 'http://dms.example.com/crm/customer/c1',
    },
  });
}

beforeEach(async () => {
  db = freshDatabase();
  await db.customers.put(aLead());
  await regradeCustomers(db, ['c1'], DEFAULT_RULE_SET, NOW);
  ({ container, root } = freshRoot());
});

afterEach(() => unmountRoot(root, container));

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);

function button(text: RegExp | string): HTMLButtonElement {
  const found = Array.from(container.querySelectorAll('button')).find((b) =>
    typeof text === 'string' ? b.textContent === text : text.test(b.textContent ?? ''),
  );
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

const click = (element: HTMLElement) => act(async () => element.click());

async function key(element: HTMLElement, init: KeyboardEventInit): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
}

async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function select(element: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function renderForm() {
  const logged: LoggedFollowUp[] = [];
  const onCancel = vi.fn();
  const customer = (await db.customers.get('c1'))!;
  await act(async () =>
    root.render(
      <FollowUpForm db={db} customer={customer} now={now} onLogged={(r) => logged.push(r)} onCancel={onCancel} />,
    ),
  );
  await vi.waitFor(() => expect(button('保存').disabled).toBe(false));
  return { logged, onCancel };
}

describe('the follow-up form', () => {
  it('logs a call in two clicks: an outcome pick and 保存 (the channel starts on 电话)', async () => {
    const { logged } = await renderForm();
    await click(button('已接通'));
    await click(button('保存'));
    await vi.waitFor(() => expect(logged).toHaveLength(1));
    expect(logged[0]!.followUp).toMatchObject({
      channel: 'phone',
      outcome: '已接通',
      consultant: '王芳',
      at: '2026-03-10T09:00',
    });
    expect(logged[0]!.followUp.nextContactAt).toBeUndefined(); // the cadence's own date is not stored as a choice
    expect(logged[0]!.customer.grades?.nextDueAt).toBe('2026-03-17');
  });

  it("proposes the next contact from the grade's cadence, and follows a new grade", async () => {
    await renderForm();
    const date = $<HTMLInputElement>('input[type="date"]')!;
    expect(date.value).toBe('2026-03-17'); // A: every 7 days
    await select($<HTMLSelectElement>('select')!, 'H');
    expect(date.value).toBe('2026-03-12'); // H: every 2 days
  });

  it('stores a next contact date the user changed', async () => {
    const { logged } = await renderForm();
    await type($<HTMLInputElement>('input[type="date"]')!, '2026-03-13');
    await type($<HTMLInputElement>('input:not([type])')!, '客户出差, 周五再联系');
    await click(button('保存'));
    await vi.waitFor(() => expect(logged).toHaveLength(1));
    expect(logged[0]!.followUp.nextContactAt).toBe('2026-03-13');
    expect(logged[0]!.customer.grades?.nextDueAt).toBe('2026-03-13');
  });

  it('lead -> defeated needs a reason from the preset list before it saves', async () => {
    const { logged } = await renderForm();
    await click(button('已接通'));
    const [, stage] = Array.from(container.querySelectorAll('select'));
    await select(stage!, 'defeated');
    await click(button('保存'));
    expect($('[role="alert"]')?.textContent).toBe('战败客户须选择战败原因');
    const reason = Array.from(container.querySelectorAll('select'))[2]!;
    expect(Array.from(reason.options).map((o) => o.value)).toContain('购买竞品');
    await select(reason, '购买竞品');
    await type(container.querySelectorAll<HTMLInputElement>('input:not([type])')[1]!, '比亚迪');
    await click(button('保存'));
    await vi.waitFor(() => expect(logged).toHaveLength(1));
    expect(logged[0]!.customer).toMatchObject({ stage: 'defeated', defeatReason: '购买竞品: 比亚迪' });
  });

  it('Enter in the note saves, Shift+Enter does not, Esc cancels', async () => {
    const { logged, onCancel } = await renderForm();
    await click(button('未接通'));
    const note = $<HTMLTextAreaElement>('textarea')!;
    await key(note, { key: 'Enter', shiftKey: true });
    expect(logged).toHaveLength(0);
    await key(note, { key: 'Enter' });
    await vi.waitFor(() => expect(logged).toHaveLength(1));
    await key(note, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('refuses to save without an outcome', async () => {
    const { logged } = await renderForm();
    await click(button('保存'));
    expect($('[role="alert"]')?.textContent).toBe('请填写或选择跟进结果');
    expect(logged).toHaveLength(0);
  });
});

describe('proposing the next contact', () => {
  it('a defeated customer gets the slow win-back cadence of 30 days (docs/grading.md#g83-the-win-back-call)', () => {
    expect(proposeNextContact(DEFAULT_RULE_SET, 'A', 'defeated', NOW)).toEqual({
      date: '2026-04-09',
      days: 30,
      basis: '战败',
    });
  });
  it('an ordered customer is kept informed weekly; an owner has no cadence', () => {
    expect(proposeNextContact(DEFAULT_RULE_SET, 'A', 'ordered', NOW)?.days).toBe(7);
    expect(proposeNextContact(DEFAULT_RULE_SET, 'M', 'owner', NOW)).toBeNull();
  });
});

describe('the customer drawer', () => {
  it('shows each field with its source, every grade with its reason, the portal link, and logs a follow-up', async () => {
    const changed: StoredCustomer[] = [];
    await act(async () =>
      root.render(
        <CustomerDrawer
          db={db}
          customerId="c1"
          now={now}
          onClose={() => undefined}
          onChanged={(c) => changed.push(c)}
        />,
      ),
    );
    await vi.waitFor(() =>
      expect($('[data-testid="next-due"]')?.textContent).toBe('下次跟进: 2026-03-08 (已逾期 2 天)'),
    );
    expect($<HTMLAnchorElement>('a')!.href).toBe('http://dms.example.com/crm/customer/c1');
    const intent = $('[data-standard="intent"]')!;
    expect(intent.textContent).toContain('A');
    expect(intent.querySelector('.reason')?.textContent).toContain('标准 7 天');
    const fields = $('table.fields')!.textContent!;
    expect(fields).toContain('采集自 http://dms.example.com/crm/list');
    expect(fields).toContain('意向颜色');

    await click(button('已接通'));
    await click(button('保存'));
    await vi.waitFor(() => expect($('[data-testid="next-due"]')?.textContent).toBe('下次跟进: 2026-03-17'));
    expect(changed).toHaveLength(1);
    expect($('ol.timeline')!.textContent).toContain('电话 · 已接通');
    expect($('ol.history')!.textContent).toContain('记录跟进');
  });

  it('a follow-up just logged can be undone with 撤销 and redone with 重做, from the same button', async () => {
    const changed: StoredCustomer[] = [];
    await act(async () =>
      root.render(
        <CustomerDrawer
          db={db}
          customerId="c1"
          now={now}
          onClose={() => undefined}
          onChanged={(c) => changed.push(c)}
        />,
      ),
    );
    await vi.waitFor(() =>
      expect($('[data-testid="next-due"]')?.textContent).toBe('下次跟进: 2026-03-08 (已逾期 2 天)'),
    );
    await click(button('已接通'));
    await click(button('保存'));
    await vi.waitFor(() => expect($('.logged')?.textContent).toBe('已记录跟进 撤销'));
    const toggle = $<HTMLButtonElement>('.logged button')!;

    await click(toggle);
    await vi.waitFor(() => expect($('.logged')?.textContent).toBe('已撤销这条跟进 重做'));
    expect($('[data-testid="next-due"]')?.textContent).toBe('下次跟进: 2026-03-08 (已逾期 2 天)');
    expect($('ol.timeline')!.textContent).toBe('');
    expect(await db.followUps.count()).toBe(0);
    expect($('.logged button')).toBe(toggle);

    await click(toggle);
    await vi.waitFor(() => expect($('.logged')?.textContent).toBe('已记录跟进 撤销'));
    expect($('[data-testid="next-due"]')?.textContent).toBe('下次跟进: 2026-03-17');
    expect($('ol.timeline')!.textContent).toContain('电话 · 已接通');
    expect(changed.map((c) => c.grades?.nextDueAt)).toEqual(['2026-03-17', '2026-03-08', '2026-03-17']);
  });

  it('Esc closes the drawer', async () => {
    const onClose = vi.fn();
    await act(async () => root.render(<CustomerDrawer db={db} customerId="c1" now={now} onClose={onClose} />));
    await vi.waitFor(() => expect($('h2')).not.toBeNull());
    await key($('h2')!, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });
});
