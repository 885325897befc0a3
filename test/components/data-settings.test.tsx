/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataSettings } from '../../components/data-settings/DataSettings';
import { exportBackup, type DealerLensDB } from '../../lib/db';
import { writeXlsx } from '../../lib/sheets';
import { freshDatabase } from '../lib/db/helpers';
import { pickFile } from './file-pick';
import { customer } from '../factories';
import { freshRoot, unmountRoot } from './mount';

const NOW = new Date(2026, 10, 23, 9);

let db: DealerLensDB;
let root: Root;
let container: HTMLElement;

beforeEach(async () => {
  db = freshDatabase();
  await db.customers.bulkPut([
    customer('1', { name: '张伟', phone: '13812345678' }),
    customer('2', { name: '王芳', phone: '13987654321' }),
  ]);
  ({ container, root } = freshRoot());
  await act(async () => root.render(<DataSettings db={db} now={() => NOW} save={() => undefined} />));
});

afterEach(() => unmountRoot(root, container));

const input = () => container.querySelector('input[type=file]') as HTMLInputElement;
const button = (text: RegExp) =>
  [...container.querySelectorAll('button')].find((b) => text.test(b.textContent ?? '')) as HTMLButtonElement;

/** Picks the file and waits until the page has read it (the busy note gone). */
async function pick(file: File): Promise<boolean> {
  let fired = false;
  await act(async () => {
    fired = pickFile(input(), file);
  });
  for (let i = 0; i < 100 && container.querySelector('[role=status]')?.textContent?.includes('正在读取'); i++) {
    await act(async () => new Promise((r) => setTimeout(r, 10)));
  }
  return fired;
}

describe('restore from a backup file', () => {
  it('shows the preview every time the same file is picked: after a merge restore, again to replace', async () => {
    const file = new File([await exportBackup(db, NOW)], 'DealerLens_备份_2026-11-23.json', {
      type: 'application/json',
      lastModified: 1,
    });
    expect(await pick(file)).toBe(true);
    expect(container.querySelector('.restore-preview')).not.toBeNull();
    // The input is cleared once read, so picking the same file again reaches the page.
    expect(input().value).toBe('');
    await act(async () => button(/确认恢复/).click());
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(container.querySelector('.restore-preview')).toBeNull();
    expect(container.textContent).toContain('恢复完成');

    expect(await pick(file)).toBe(true);
    expect(container.querySelector('.restore-preview')).not.toBeNull();
    expect(container.querySelector('[data-table=customers]')?.textContent).toContain('2');
  });

  it('the same after a refused file: the message, then the message again', async () => {
    const bad = new File(['not json'], 'a.json', { type: 'application/json', lastModified: 1 });
    expect(await pick(bad)).toBe(true);
    expect(container.querySelector('[role=alert]')?.textContent).toContain('不是 JSON');
    expect(await pick(bad)).toBe(true);
    expect(container.querySelector('[role=alert]')?.textContent).toContain('不是 JSON');
  });

  it('names an Excel file or a PDF picked by mistake, instead of calling it broken JSON', async () => {
    const xlsx = writeXlsx([
      { name: '客户', columns: [{ key: 'n', header: '姓名', type: 'text' }], rows: [{ n: '张伟' }] },
    ]);
    await pick(new File([new Uint8Array(xlsx)], '客户.json', { lastModified: 1 }));
    const alert = () => container.querySelector('[role=alert]')?.textContent ?? '';
    expect(alert()).toContain('这是 Excel 表格，不是 DealerLens 备份文件');
    expect(alert()).toContain('从文件导入');
    expect(alert()).not.toContain('不是 JSON');
    const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), 0, 1, 2, 3, 0xff]);
    await pick(new File([pdf], 'backup.json', { lastModified: 2 }));
    expect(alert()).toContain('而是PDF 文档');
    expect(alert()).toContain('it is a PDF document');
  });
});

describe('undo a restore', () => {
  async function restoreReplacing(): Promise<void> {
    // A backup of another store holding one customer, restored over this one's two.
    const other = freshDatabase();
    await other.customers.put(customer('9', { name: '赵敏', phone: '13700000000' }));
    const file = new File([await exportBackup(other, NOW)], 'b.json', { type: 'application/json', lastModified: 3 });
    await pick(file);
    const replace = container.querySelectorAll<HTMLInputElement>('input[name=restore-mode]')[1]!;
    await act(async () => replace.click());
    expect(container.textContent).toContain('恢复后可在本页撤销');
    await act(async () => button(/确认恢复/).click());
    await vi.waitFor(() => expect(button(/撤销恢复/)).toBeDefined());
    expect(await db.customers.count()).toBe(1);
  }

  it('撤销恢复 puts the database back as it was before the restore', async () => {
    await restoreReplacing();
    await act(async () => button(/撤销恢复/).click());
    await vi.waitFor(() => expect(container.querySelector('[role=status]')?.textContent).toContain('已撤销恢复'));
    expect((await db.customers.toArray()).map((c) => c.name).sort()).toEqual(['张伟', '王芳']);
    expect(button(/撤销恢复/)).toBeUndefined();
  });

  it('refuses, with its reason, once something changed after the restore', async () => {
    await restoreReplacing();
    await db.customers.put(customer('10', { name: '孙丽', phone: '13600000000' }));
    await act(async () => button(/撤销恢复/).click());
    await vi.waitFor(() =>
      expect(container.querySelector('[role=alert]')?.textContent).toContain('恢复之后数据又有改动'),
    );
    expect(await db.customers.count()).toBe(2);
  });
});
