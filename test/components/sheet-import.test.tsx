/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SheetImport } from '../../components/sheet-import/SheetImport';
import type { StagedTable } from '../../lib/capture/types';
import { encodeGbk } from '../fixtures/sheets/files';
import { pickFile } from './file-pick';
import { freshRoot, unmountRoot } from './mount';

let root: Root;
let container: HTMLElement;
let staged: StagedTable[];

beforeEach(async () => {
  staged = [];
  ({ container, root } = freshRoot());
  // The stage stub never answers: the page stays on "preparing" once it has handed the table over.
  await act(async () =>
    root.render(<SheetImport stage={(table) => (staged.push(table), new Promise(() => undefined))} />),
  );
});

afterEach(() => unmountRoot(root, container));

const input = () => container.querySelector('input[type=file]') as HTMLInputElement;
const button = (text: RegExp) =>
  [...container.querySelectorAll('button')].find((b) => text.test(b.textContent ?? '')) as HTMLButtonElement;

/** Picks the file and waits until the page shows what it read (or an error). */
async function pick(file: File): Promise<boolean> {
  let fired = false;
  await act(async () => {
    fired = pickFile(input(), file);
  });
  for (let i = 0; i < 200 && !container.querySelector('section.chosen, [role=alert]'); i++) {
    await act(async () => new Promise((r) => setTimeout(r, 10)));
  }
  return fired;
}

const LINES = [
  '姓名,手机,意向车型,备注',
  ...Array.from({ length: 8 }, (_, i) => `客户${'甲乙丙丁戊己庚辛'[i]},1380013${8000 + i},朗逸,到店看车`),
];

/** A GBK CSV with an invalid byte in the 备注 of the 2nd and 6th customers (file rows 3 and 7). */
function damagedGbk(): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  LINES.forEach((line, i) => {
    out.push(...encodeGbk(line));
    if (i === 2 || i === 6) out.push(0xff);
    out.push(0x0d, 0x0a);
  });
  return new Uint8Array(out);
}

describe('the file import page', () => {
  it('lists the rows holding undecodable bytes by row number, with the replacement character marked, and leaves them out when asked', async () => {
    await pick(new File([damagedGbk()], '客户.csv', { lastModified: 1 }));
    const rows = [...container.querySelectorAll('.damaged-rows tr')];
    expect(rows.map((r) => r.getAttribute('data-row'))).toEqual(['3', '7']);
    expect(rows[0]!.textContent).toContain('第 3 行');
    expect(rows[0]!.querySelector('mark.undecodable')?.textContent).toBe('\ufffd');
    expect(container.querySelector('.damaged')?.textContent).toContain('GBK');

    const drop = [...container.querySelectorAll<HTMLInputElement>('.damaged input[type=radio]')][1]!;
    await act(async () => drop.click());
    await act(async () => button(/下一步/).click());
    expect(staged).toHaveLength(1);
    expect(staged[0]!.rows).toHaveLength(6);
    expect(staged[0]!.rows.map((r) => r[0])).not.toContain('客户乙');
  });

  it('imports them as they are by default', async () => {
    await pick(new File([damagedGbk()], '客户.csv', { lastModified: 1 }));
    await act(async () => button(/下一步/).click());
    expect(staged[0]!.rows).toHaveLength(8);
    expect(staged[0]!.rows[1]![3]).toContain('\ufffd');
  });

  it('names a row refused for a cell over 32,767 characters, and stages the rest', async () => {
    const csv = [
      '姓名,手机,备注',
      '张伟,13800138000,',
      `李娜,13900139000,"${'长'.repeat(40_000)}"`,
      '王五,13700137000,',
    ].join('\n');
    await pick(new File([csv], 'a.csv', { lastModified: 1 }));
    expect(container.querySelector('.refused li')?.getAttribute('data-row')).toBe('3');
    expect(container.querySelector('.refused')?.textContent).toContain('C3');
    await act(async () => button(/下一步/).click());
    expect(staged[0]!.rows).toHaveLength(2);
    expect(staged[0]!.refused).toHaveLength(1);
  });

  it('says a PDF renamed .xlsx is not an Excel or CSV file', async () => {
    const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), 0, 1, 2, 0xff, 0xfe]);
    await pick(new File([pdf], '客户.xlsx', { lastModified: 1 }));
    expect(container.querySelector('[role=alert]')?.textContent).toContain('不是 Excel 或 CSV 文件');
    expect(container.querySelector('[role=alert]')?.textContent).not.toContain('编码');
  });

  it('shows what it read every time the same file is picked', async () => {
    const file = new File([damagedGbk()], '客户.csv', { lastModified: 1 });
    expect(await pick(file)).toBe(true);
    expect(container.querySelector('section.chosen')).not.toBeNull();
    expect(input().value).toBe('');
    // An error in between, then the same file again.
    expect(await pick(new File(['%PDF-1.7\n\u0000'], 'x.xlsx', { lastModified: 2 }))).toBe(true);
    expect(container.querySelector('section.chosen')).toBeNull();
    expect(await pick(file)).toBe(true);
    expect(container.querySelector('section.chosen')).not.toBeNull();
    expect(await pick(file)).toBe(true);
    expect(container.querySelector('section.chosen')).not.toBeNull();
  });
});
