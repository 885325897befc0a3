/** @vitest-environment happy-dom */
// The capture preview's "级别含义" section (the file import shows the same
// preview): the letters of the 系统原级别 column, the guess pre-selected with
// why, the rows shown as they will be stored, and the meanings sent with the commit.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CapturePreview } from '../../components/capture-preview/CapturePreview';
import { packTable } from '../../lib/capture/wire';
import type { StagedTable } from '../../lib/capture/types';
import { suggestMapping } from '../../lib/mapping';

const sent: { type: string; req: unknown }[] = [];
let profileLetters: Record<string, string> | undefined;

const TABLE: StagedTable = {
  pageUrl: 'http://dms.example.com/crm/customer/list.do',
  pageTitle: '客户列表',
  frame: null,
  headers: ['客户姓名', '手机号码', '客户级别', '战败原因'],
  rows: [
    ['张伟', '13812345678', 'H', ''],
    ['李娜', '13987654321', 'D', '竞品'],
    ['王五', '13700000001', 'D', '暂缓购车'],
  ],
  rowLinks: [null, null, null],
};

vi.mock('../../lib/extension/messages', () => ({
  send: (type: string, req: unknown) => {
    sent.push({ type, req });
    if (type === 'capture:preview') {
      return Promise.resolve({
        id: 's1',
        table: packTable(TABLE),
        mapping: suggestMapping(TABLE.headers, TABLE.rows),
        profile: profileLetters ? { id: 'p1', name: '客户列表', letters: profileLetters } : null,
      });
    }
    if (type === 'capture:commit')
      return Promise.resolve({ id: 'b1', counts: { new: 3, updated: 0, unchanged: 0, rejected: 0 }, rejected: [] });
    return Promise.resolve(undefined);
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('the capture preview says what the portal’s grade letters mean', () => {
  let root: Root;
  let host: HTMLElement;
  beforeEach(() => {
    sent.length = 0;
    profileLetters = undefined;
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  const render = async () => {
    await act(async () => root.render(<CapturePreview stagedId="s1" embedded onDone={() => undefined} />));
    await act(async () => new Promise((r) => setTimeout(r, 0)));
  };
  const section = () => host.querySelector<HTMLElement>('section.letters')!;
  const meaningOf = (letter: string) => host.querySelector<HTMLSelectElement>(`select[aria-label="含义 ${letter}"]`)!;

  it('guesses D as defeated from its rows, says why, and shows the rows stored as D（战败）', async () => {
    await render();
    expect(section()).not.toBeNull();
    expect(meaningOf('D').value).toBe('defeated');
    expect(meaningOf('H').value).toBe('');
    expect(section().textContent).toContain('2 行中 2 行有战败原因');
    expect(host.querySelector('table.rows')!.textContent).toContain('D（战败）');
  });

  it('sends the chosen meanings with the commit, the user’s change included', async () => {
    await render();
    await act(async () => {
      const select = meaningOf('H');
      select.value = 'lead';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(section().textContent).toContain('手动');
    await act(async () => host.querySelector<HTMLButtonElement>('button.primary')!.click());
    const commit = sent.find((s) => s.type === 'capture:commit')!.req as { letters: Record<string, string> };
    expect(commit.letters).toEqual({ D: 'defeated', H: 'lead' });
  });

  it("a saved profile's meaning is pre-selected as the profile's, and letters it knows that this page lacks are kept", async () => {
    profileLetters = { D: 'ordered', O: 'ordered' };
    await render();
    expect(meaningOf('D').value).toBe('ordered');
    expect(section().textContent).toContain('站点配置');
    await act(async () => host.querySelector<HTMLButtonElement>('button.primary')!.click());
    const commit = sent.find((s) => s.type === 'capture:commit')!.req as { letters: Record<string, string> };
    expect(commit.letters).toEqual({ D: 'ordered', O: 'ordered' });
  });
});
