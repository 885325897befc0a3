// The capture preview at 1440×900 over a portal list with many columns it
// keeps as extra: every one of them is on screen without scrolling, the
// masked-mobile note says which identity is used, and a date column is one
// click from being mapped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { launchWithExtension, inPage } from './harness';
import type { ExtensionBrowser } from './harness';
import { startDemoPortal } from '../demo-portal/server';

let portal: Awaited<ReturnType<typeof startDemoPortal>>;
let browser: ExtensionBrowser;
const SHOTS = 'test/e2e/screenshots';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startDemoPortal({ port: 0 });
  browser = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  await browser.portalScriptsRegistered();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

const HEADERS = [
  '客户编号',
  '客户姓名',
  '联系电话',
  '意向级别',
  '销售顾问',
  '到店日期',
  '最近回访',
  '意向车型',
  '爱好',
  '微信',
  'QQ',
  '车身颜色',
  '下次回访',
  '预约进站',
  '首付',
  '备用号码',
  '座驾',
  '单位',
  '婚姻状况',
  '子女',
  '证件类型',
  '推荐活动',
];

function rowOf(i: number): string[] {
  const d = String(10 + (i % 18));
  return [
    `C${1000 + i}`,
    `客户${i}`,
    `137****${String(3700 + i)} [显示]`,
    'H',
    '李娜',
    `26/2/${d}`,
    `昨天 1${i % 10}:30`,
    '凯美瑞',
    '钓鱼',
    `wx${i}`,
    `${100000 + i}`,
    '白',
    `26/3/${d}`,
    `4月${(i % 27) + 1}日`,
    `¥${20 + i},000.00`,
    `1390013${String(9000 + i)}`,
    '思域',
    '惠州一中',
    '已婚',
    '1',
    '身份证',
    '团购会',
  ];
}

describe('the capture preview at 1440×900', () => {
  it('shows every extra column without scrolling, asks about date-like ones, and says how masked mobiles are keyed', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(portal.url + '/empty');
    const rows = Array.from({ length: 12 }, (_, i) => rowOf(i));
    await page.evaluate(
      ({ headers, rows }) => {
        const table = document.createElement('table');
        table.id = 'wide';
        table.innerHTML = `<thead><tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
          .join('')}</tbody>`;
        // The page's own content goes; DealerLens's panel stays.
        for (const el of [...document.body.children])
          if (el.tagName.toLowerCase() !== 'dealerlens-capture') el.remove();
        document.body.prepend(table);
      },
      { headers: HEADERS, rows },
    );
    const panel = inPage(page);
    await panel.click('DealerLens 抓取客户');
    await expect.poll(() => panel.text('.summary')).toMatch(/12 行/);
    await panel.click('抓取 Capture');
    const dialog = await panel.frame('iframe.dialog');
    await dialog.getByText('列映射').first().waitFor();

    const extras = dialog.locator('.extras li');
    await expect.poll(() => extras.count()).toBe(14);
    expect(await dialog.locator('.summary').textContent()).toContain('14 列作为附加列保留');
    await page.screenshot({ path: `${SHOTS}/capture-preview-extras.png` });
    for (let i = 0; i < 14; i++) {
      const box = (await extras.nth(i).boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(900);
      // Visible where it is: not clipped by a scrolled list.
      const hit = await extras.nth(i).evaluate((li) => {
        const r = li.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
        return !!at && li.contains(at);
      });
      expect(hit).toBe(true);
    }
    const dateItem = extras.filter({ hasText: '下次回访' });
    expect(await dateItem.textContent()).toContain('看起来是日期，要映射吗？');
    expect(await dialog.locator('.reading').textContent()).toContain('改用客户编号（「客户编号」列）识别客户');

    await dateItem.getByRole('button', { name: '预计购车 Expected purchase' }).click();
    await expect.poll(() => dialog.getByLabel('映射 下次回访').inputValue()).toBe('expectedPurchaseAt');
    await expect.poll(() => extras.count()).toBe(13);
    await page.close();
  });
});
