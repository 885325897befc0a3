/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerDrawer } from '../../components/customer-drawer/CustomerDrawer';
import { FORGET_LOG_KEY, type DealerLensDB, type StoredCustomer } from '../../lib/db';
import { freshDatabase } from '../lib/db/helpers';
import { freshRoot, unmountRoot } from './mount';

const NOW = new Date(2026, 2, 10, 9);
let db: DealerLensDB;
let root: Root;
let container: HTMLElement;

function customer(id: string, name: string, phone: string): StoredCustomer {
  const at = '2026-03-01T00:00:00.000Z';
  return {
    id,
    name,
    phone,
    stage: 'lead',
    extra: {},
    invalid: {},
    provenance: { pageUrl: 'http://dms.example.com/crm/list', capturedAt: at },
    createdAt: at,
    updatedAt: at,
    userEdited: [],
    lastBatchId: 'seed',
  };
}

beforeEach(() => {
  db = freshDatabase();
  ({ container, root } = freshRoot());
});

afterEach(() => unmountRoot(root, container));

const button = (text: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent?.includes(text)) as HTMLButtonElement;
const click = (el: HTMLElement) => act(async () => el.click());

async function open(onClose: () => void, onChanged: (c: StoredCustomer) => void): Promise<void> {
  await db.customers.bulkPut([customer('c1', '张伟', '13800000001'), customer('c2', '李娜', '13900000002')]);
  await act(async () =>
    root.render(<CustomerDrawer db={db} customerId="c1" now={() => NOW} onClose={onClose} onChanged={onChanged} />),
  );
  await vi.waitFor(() => expect(container.querySelector('h2')).not.toBeNull());
}

describe('删除此客户（个人信息） in the customer drawer', () => {
  it('asks first, naming what goes; 取消 removes nothing', async () => {
    const onClose = vi.fn();
    await open(onClose, vi.fn());
    await click(button('删除此客户（个人信息）'));
    const dialog = container.querySelector('[role=alertdialog]')!;
    expect(dialog.textContent).toContain('删除 张伟 的个人信息？');
    for (const word of ['客户资料', '修改历史', '跟进记录', '抓取批次', '无法撤销', '个人信息保护法'])
      expect(dialog.textContent).toContain(word);
    await click([...dialog.querySelectorAll('button')].find((b) => b.textContent === '取消')!);
    expect(container.querySelector('[role=alertdialog]')).toBeNull();
    expect(await db.customers.count()).toBe(2);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('forgets the customer with their follow-ups, logs only time and count, then closes and refreshes', async () => {
    const onClose = vi.fn();
    const onChanged = vi.fn();
    await open(onClose, onChanged);
    await db.followUps.put({
      id: 'f1',
      customerId: 'c1',
      at: '2026-03-09T10:00',
      channel: 'phone',
      outcome: '已联系',
      consultant: '王芳',
      note: '张伟 13800000001 说周末来',
    } as never);
    await click(button('删除此客户（个人信息）'));
    await click(button('确认删除'));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ id: 'c1' }));
    expect(await db.customers.get('c1')).toBeUndefined();
    expect(await db.customers.get('c2')).toBeDefined();
    expect(await db.followUps.where('customerId').equals('c1').count()).toBe(0);
    const log = JSON.stringify(await db.settings.get(FORGET_LOG_KEY));
    expect(log).toContain('"count":1');
    expect(log).not.toMatch(/张伟|13800000001|c1/);
  });
});
