/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CapturePreview } from '../../components/capture-preview/CapturePreview';
import { suggestMapping } from '../../lib/mapping';
import type { StagedTable } from '../../lib/capture/types';
import { freshRoot, unmountRoot } from './mount';

const CAPTURED = '2026-03-07T10:05';
const HEADERS = [
  '客户姓名',
  '联系电话',
  '客户编号',
  '到店日期',
  '爱好',
  '微信',
  '车身颜色',
  '下次回访',
  '首付',
  '备用号',
  '意向颜色',
  '座驾',
  '单位',
];
const ROWS = [
  [
    '张伟',
    '137****3736 [显示]',
    'C1',
    '26/2/19',
    '钓鱼',
    'zw01',
    '白',
    '26/3/10',
    '¥30,000.00',
    '13900139000',
    '黑',
    '思域',
    '惠州一中',
  ],
  [
    '李娜',
    '138****1234 [显示]',
    'C2',
    '26/2/20',
    '自驾',
    'ln02',
    '黑',
    '26/3/11',
    '¥25,000.00',
    '13900139001',
    '红',
    '卡罗拉',
    '市医院',
  ],
  [
    '王五',
    '139****5678 [显示]',
    'C3',
    '26/2/21',
    '',
    'ww03',
    '灰',
    '26/3/12',
    '¥8,000.50',
    '13900139002',
    '白',
    '轩逸',
    '',
  ],
];

function table(): StagedTable {
  return {
    pageUrl: 'http://192.168.1.20:8080/dms/list',
    pageTitle: '客户列表',
    frame: null,
    headers: HEADERS,
    rows: ROWS,
    rowLinks: ROWS.map(() => null),
    capturedAt: CAPTURED,
  };
}

let root: Root;
let container: HTMLElement;

beforeEach(async () => {
  fakeBrowser.reset();
  const t = table();
  const preview = {
    id: 's1',
    table: t,
    mapping: suggestMapping(t.headers, t.rows, { capturedAt: CAPTURED }),
    profile: null,
  };
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const { type } = message as { type: string };
    if (type === 'capture:preview') return Promise.resolve({ ok: true, value: preview });
    return Promise.resolve({ ok: true, value: true });
  });
  ({ container, root } = freshRoot());
  await act(async () => root.render(<CapturePreview stagedId="s1" embedded={false} onDone={() => undefined} />));
});

afterEach(() => unmountRoot(root, container));

const extraItems = () => [...container.querySelectorAll('.extras li')] as HTMLElement[];
const itemOf = (header: string) => extraItems().find((li) => li.querySelector('b')?.textContent === header)!;
const selectOf = (header: string) =>
  container.querySelector(`select[aria-label="映射 ${header}"]`) as HTMLSelectElement;

describe('the capture preview', () => {
  it('lists every column kept as extra, above the mapping table, with a marker and a count in the summary', () => {
    const extras = ['爱好', '微信', '车身颜色', '下次回访', '首付', '备用号', '意向颜色', '座驾', '单位'];
    for (const h of extras) expect(selectOf(h).value).toBe('');
    expect(extraItems().map((li) => li.querySelector('b')!.textContent)).toEqual(extras);
    for (const li of extraItems()) expect(li.querySelector('.marker')?.textContent).toBe('＋');
    const summary = container.querySelector('.summary')!.textContent!;
    expect(summary).toContain('9 列作为附加列保留 / columns kept as extra');
    expect(summary).toContain('3 列可映射');
    // Listed before the mapping table, so none waits below its scroll.
    const list = container.querySelector('.extras')!;
    const mappingTable = container.querySelector('table.mapping')!;
    expect(list.compareDocumentPosition(mappingTable) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('asks about a column whose values read as dates, mobiles or money, and maps it in one click', async () => {
    expect(itemOf('下次回访').textContent).toContain('看起来是日期，要映射吗？');
    expect(itemOf('下次回访').textContent).toContain('looks like a date: map it?');
    expect(itemOf('首付').textContent).toContain('看起来是金额，要映射吗？');
    expect(itemOf('备用号').textContent).toContain('看起来是手机号，要映射吗？');
    expect(itemOf('爱好').querySelector('.ask-map')).toBeNull();
    expect(itemOf('微信').querySelector('.ask-map')).toBeNull();
    // A plan (下次) is offered the fields that look ahead first; the rest in a list; 到店日期 took 首次到店 already.
    const offered = [...itemOf('下次回访').querySelectorAll('button, option')].map((b) => b.textContent);
    expect(offered[0]).toBe('预计购车 Expected purchase');
    expect(offered).toContain('首保日期 / First service due');
    expect(offered.join()).not.toContain('首次到店');
    const button = [...itemOf('下次回访').querySelectorAll('button')].find(
      (b) => b.textContent === '预计购车 Expected purchase',
    )!;
    await act(async () => button.click());
    expect(selectOf('下次回访').value).toBe('expectedPurchaseAt');
    expect(extraItems().map((li) => li.querySelector('b')!.textContent)).not.toContain('下次回访');
    expect(container.querySelector('.summary')!.textContent).toContain('8 列作为附加列保留');
  });

  it('says the portal masks mobiles and which identity is used instead, and which date order it assumed', () => {
    expect(selectOf('联系电话').value).toBe('phone');
    const notes = container.querySelector('.reading')!.textContent!;
    expect(notes).toContain('此系统遮挡了手机号（如 137****3736 [显示]）');
    expect(notes).toContain('改用客户编号（「客户编号」列）识别客户');
    expect(notes).toContain('customers are identified by the customer no. (column "客户编号")');
    expect(notes).toContain('「到店日期」→ 首次到店：两位年份按 年/月/日 读作 20xx 年');
    expect(notes).toContain('26/2/19 → 2026-02-19');
    // The masked mobile is stored as shown, not refused.
    expect(container.querySelector('.summary')!.textContent).toContain('0 个值无法解析');
  });
});
