// The Firefox MV3 build, run (docs/architecture.md#testing: "a Firefox MV3 build that passes"):
// the portal panel, the capture preview in its extension frame, the one-click
// capture by a saved site profile, de-duplication and undo, all in
// firefox-esr with the background as Firefox runs it (an event page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { firefoxInPage, launchFirefoxWithExtension } from './firefox-harness';
import type { FirefoxWithExtension } from './firefox-harness';
import { startDemoPortal } from '../demo-portal/server';

type Portal = Awaited<ReturnType<typeof startDemoPortal>>;
const SHOTS = 'test/e2e/screenshots';

let portal: Portal;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startDemoPortal({ port: 0 });
  firefox = await launchFirefoxWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
});

afterAll(async () => {
  await firefox?.close();
  await portal?.close();
});

async function openPortal(path: string): Promise<Page> {
  const page = await firefox.newPage();
  await page.goto(portal.url + path);
  // tsx names the helper functions of evaluated callbacks with esbuild's __name.
  await page.evaluate('globalThis.__name = (fn) => fn');
  return page;
}

/** Clicks a button of the DealerLens panel (in its closed shadow root) by its text, once it is there, with the mouse. */
async function clickPanel(page: Page, text: string): Promise<void> {
  await firefoxInPage(firefox.browser, page).click(text);
}

/** The text of the panel's `selector` once it matches `pattern`; the panel's error note fails at once. */
async function panelText(page: Page, selector: string, pattern: RegExp): Promise<string> {
  const panel = firefoxInPage(firefox.browser, page);
  let text = '';
  await expect
    .poll(
      async () => {
        text =
          (await panel.read<string>(
            `(root, selector) => {
              const error = root.querySelector('.note.error');
              if (error) return 'ERROR ' + error.textContent;
              return root.querySelector(selector)?.textContent ?? '';
            }`,
            selector,
          )) ?? '';
        return text.startsWith('ERROR') || pattern.test(text);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  expect(text).toMatch(pattern);
  return text;
}

/**
 * Clicks the preview's confirm button. The preview is an extension page in a
 * frame, and Firefox's WebDriver BiDi does not show an extension's frames to a
 * client: the button (the dialog's one green button) is found on a screenshot
 * of the frame and clicked with the mouse, as a user would.
 */
async function confirmPreview(page: Page): Promise<void> {
  const panel = firefoxInPage(firefox.browser, page);
  let found = '';
  await expect
    .poll(
      async () =>
        (found =
          (await panel.read<string>(`(root) => {
            const rect = root.querySelector('iframe.dialog')?.getBoundingClientRect();
            return rect && rect.width > 0 ? JSON.stringify({ x: rect.x, y: rect.y, width: rect.width, height: rect.height }) : '';
          }`)) ?? ''),
      { timeout: 15_000 },
    )
    .not.toBe('');
  const clip = JSON.parse(found) as { x: number; y: number; width: number; height: number };
  for (const started = Date.now(); Date.now() - started < 15_000;) {
    const shot = await page.screenshot({ encoding: 'base64', clip });
    const green = await page.evaluate(async (png) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      // button.primary's background, #1f883d (capture-preview.css).
      let minX = Infinity,
        minY = Infinity,
        maxX = -1,
        maxY = -1,
        count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - 0x1f) > 6 || Math.abs(data[i + 1]! - 0x88) > 6 || Math.abs(data[i + 2]! - 0x3d) > 6)
          continue;
        const x = (i / 4) % image.width;
        const y = Math.floor(i / 4 / image.width);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        count++;
      }
      return count > 200 ? { x: (minX + maxX) / 2, y: (minY + maxY) / 2, scale: image.width } : null;
    }, shot);
    if (green) {
      const scale = clip.width / green.scale;
      await page.mouse.click(clip.x + green.x * scale, clip.y + green.y * scale);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the capture preview never showed its confirm button');
}

describe('the Firefox build', () => {
  it('captures the demo portal through the preview, saves the site profile, and shows the batch', async () => {
    const page = await openPortal('/crm/customer/list?page=1&size=20');
    await clickPanel(page, 'DealerLens 抓取客户');
    await panelText(page, '.summary', /20 行 × \d+ 列/);
    await clickPanel(page, '抓取 Capture');
    await confirmPreview(page);
    await panelText(page, '.result', /已导入：新增 20 · 更新 0 · 未变 0 · 拒绝 0/);
    await page.screenshot({ path: `${SHOTS}/firefox-capture.png` });
    await page.close();
  });

  it('captures the next page in one click by the saved profile, and knows page 1 again', async () => {
    const next = await openPortal('/crm/customer/list?page=2&size=20');
    await clickPanel(next, 'DealerLens 抓取客户');
    await clickPanel(next, '抓取 Capture');
    await panelText(next, '.result', /新增 20 · 更新 0 · 未变 0/);
    await next.close();

    const again = await openPortal('/crm/customer/list?page=1&size=20');
    await clickPanel(again, 'DealerLens 抓取客户');
    await clickPanel(again, '抓取 Capture');
    await panelText(again, '.result', /新增 0 · 更新 0 · 未变 20/);
    await again.close();
  });

  it('captures the last 5 server pages of the list (捕获全部页): the next pages read in the background, the tab left where it was, and a second crawl finds them stored', async () => {
    // Pages 96 to 100 of 100: the pager's 下一页 is a plain link, so the crawl fetches
    // and reads pages 97-100 from the page (docs/capture.md#server-pages-read-in-the-background).
    const crawl = async (): Promise<string> => {
      const page = await openPortal('/crm/customer/list?page=96&size=20');
      await clickPanel(page, 'DealerLens 抓取客户');
      await clickPanel(page, '捕获全部页 Capture all pages');
      await panelText(page, '.crawl-done', /已到最后一页。共 5 页，100 行/);
      // No site profile yet when this test runs alone: the preview of the whole list, confirmed.
      const dialog = await firefoxInPage(firefox.browser, page).read<boolean>(
        `(root) => !!root.querySelector('iframe.dialog')`,
      );
      if (dialog) await confirmPreview(page);
      const result = await panelText(page, '.result', /已导入/);
      expect(page.url()).toMatch(/page=96&/);
      await page.close();
      return result;
    };
    expect(await crawl()).toMatch(/新增 100 · 更新 0 · 未变 0/);
    // The 100 customers are in the store: the same pages again bring nothing new.
    expect(await crawl()).toMatch(/新增 0 · 更新 0 · 未变 100/);
  });

  it('undoes a batch', async () => {
    const page = await openPortal('/crm/customer/list?page=3&size=20');
    await clickPanel(page, 'DealerLens 抓取客户');
    await clickPanel(page, '抓取 Capture');
    await panelText(page, '.result', /新增 20/);
    await clickPanel(page, '撤销 Undo');
    await panelText(page, '.note', /已撤销：恢复 0 条，移除 20 条/);
    await page.close();
  });
});
