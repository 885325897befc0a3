/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BulkActions, type BulkOutcome } from '../../components/bulk-actions/BulkActions';
import type { DealerLensDB } from '../../lib/db';
import { freshDatabase } from '../lib/db/helpers';
import { lead } from '../factories';
import { freshRoot, unmountRoot } from './mount';

const NOW = new Date(2026, 2, 10, 9);
let db: DealerLensDB;
let root: Root;
let container: HTMLElement;
let done: BulkOutcome[];

beforeEach(async () => {
  db = freshDatabase();
  await db.customers.bulkPut([
    lead('1', { consultant: '王芳' }),
    lead('2', { consultant: '王芳' }),
    lead('3', { consultant: '李强' }),
  ]);
  ({ container, root } = freshRoot());
  done = [];
  await act(async () =>
    root.render(<BulkActions db={db} ids={['1', '2']} now={() => NOW} onDone={(r) => done.push(r)} />),
  );
});

afterEach(() => unmountRoot(root, container));

function button(text: RegExp): HTMLButtonElement {
  const found = Array.from(container.querySelectorAll('button')).find((b) => text.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}
const click = (element: HTMLElement) => act(async () => element.click());

describe('the bulk actions toolbar', () => {
  it('hands the selected customers over to another consultant, then undoes it', async () => {
    expect(container.textContent).toContain('已选 2 位客户');
    await click(button(/^转交顾问$/));
    const input = container.querySelector<HTMLInputElement>('input')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '赵敏');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(button(/^确定$/));
    await vi.waitFor(() => expect(done).toHaveLength(1));
    expect(done[0]).toMatchObject({ kind: 'reassign', changed: 2 });
    expect((await db.customers.bulkGet(['1', '2', '3'])).map((c) => c!.consultant)).toEqual(['赵敏', '赵敏', '李强']);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('已转交 2 位客户');

    await vi.waitFor(() => button(/撤销上次批量操作 \(转交顾问, 2 位\)/));
    await click(button(/撤销上次批量操作/));
    await vi.waitFor(() => expect(done).toHaveLength(2));
    expect((await db.customers.bulkGet(['1', '2'])).map((c) => c!.consultant)).toEqual(['王芳', '王芳']);
  });

  it('offers 重做 after 撤销, redoes the hand-over, and offers 撤销 again', async () => {
    await click(button(/^转交顾问$/));
    const input = container.querySelector<HTMLInputElement>('input')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '赵敏');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(button(/^确定$/));
    await vi.waitFor(() => button(/撤销上次批量操作/));
    expect(() => button(/重做/)).toThrow();
    await click(button(/撤销上次批量操作/));
    await vi.waitFor(() => button(/重做上次批量操作 \(转交顾问, 2 位\)/));
    expect(() => button(/撤销上次批量操作/)).toThrow();

    await click(button(/重做上次批量操作/));
    await vi.waitFor(() => expect(done).toHaveLength(3));
    expect(done[2]).toEqual({ ok: true, kind: 'reassign', redone: 2 });
    expect(container.querySelector('[role="status"]')!.textContent).toBe('已重做, 2 位客户');
    expect((await db.customers.bulkGet(['1', '2', '3'])).map((c) => c!.consultant)).toEqual(['赵敏', '赵敏', '李强']);
    await vi.waitFor(() => button(/撤销上次批量操作/));
    expect(() => button(/重做/)).toThrow();
  });

  it('asks before deleting, and deletes only on confirmation', async () => {
    await click(button(/^删除$/));
    expect(container.textContent).toContain('确定删除这 2 位客户及其跟进记录? 可以撤销。');
    await click(button(/^取消$/));
    expect(await db.customers.count()).toBe(3);
    await click(button(/^删除$/));
    await click(button(/^确定$/));
    await vi.waitFor(() => expect(done).toHaveLength(1));
    expect(await db.customers.count()).toBe(1);
  });

  it('will not set a defeated stage without a defeat reason', async () => {
    await click(button(/^设阶段$/));
    await click(button(/^确定$/));
    expect(container.querySelector('[role="status"]')!.textContent).toBe('请先填写');
    expect(done).toHaveLength(0);
  });

  it('invites the B and C leads among the selected to a store event (name and date), with undo', async () => {
    await db.customers.bulkPut([
      { ...lead('1', { consultant: '王芳' }), portalGrade: 'B', lastContactAt: '2026-03-09', grades: { intent: 'B' } },
      { ...lead('2', { consultant: '王芳' }), portalGrade: 'A', lastContactAt: '2026-03-09', grades: { intent: 'A' } },
    ]);
    await click(button(/^活动邀约$/));
    const [name, date] = Array.from(container.querySelectorAll<HTMLInputElement>('.bulk-form input'));
    expect(container.textContent).toContain('只邀约所选客户中的 B、C 级客户');
    const type = (input: HTMLInputElement, text: string) =>
      act(async () => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    await type(name!, '周末试驾会');
    await click(button(/^确定$/));
    expect(container.querySelector('[role="status"]')!.textContent).toBe('请先填写'); // no date yet
    await type(date!, '2026-03-28');
    await click(button(/^确定$/));
    await vi.waitFor(() => expect(done).toHaveLength(1));
    expect(container.querySelector('[role="status"]')!.textContent).toBe(
      '已安排邀约 1 位 B/C 级客户 (1 位不是 B/C 级或已邀约, 未安排)',
    );
    const [b, a] = await db.customers.bulkGet(['1', '2']);
    expect([b!.followUp?.invitation?.dueAt, a!.followUp?.invitation]).toEqual(['2026-03-21', undefined]);
    await vi.waitFor(() => button(/撤销上次批量操作 \(活动邀约, 1 位\)/));
  });
});
