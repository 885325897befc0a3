// A site the user never enabled must learn nothing of DealerLens and show
// nothing of the customer base: the pages the portal panel frames are served
// at a per-session address only, and render only inside an enabled portal
// (docs/architecture.md#hostile-pages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launchWithExtension, seedGradedCustomers, type ExtensionBrowser } from './harness';
import { startDemoPortal } from '../demo-portal/server';
import { makeWorkbenchRows } from '../bench/workbench.rows';
import type { StoredCustomer } from '../../lib/db';

let browser: ExtensionBrowser;
let portal: Awaited<ReturnType<typeof startDemoPortal>>;
let rows: StoredCustomer[];

beforeAll(async () => {
  portal = await startDemoPortal({ port: 0, count: 40 });
  // Only 127.0.0.1 is an enabled portal; the same server reached as localhost is a site the user never enabled.
  browser = await launchWithExtension({
    grantOrigins: ['http://127.0.0.1/*'],
    // The probes below are refused by the browser, which says so on the probing page's console.
    expectErrors: [/^Denying load of chrome-extension:/, /^Failed to load resource: net::ERR_FAILED$/],
  });
  rows = makeWorkbenchRows(30, 20261207, new Date());
  await seedGradedCustomers(browser, rows);
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

const otherSite = () => portal.url.replace('127.0.0.1', 'localhost');

/** The address the in-page panel frames the workbench at, read off the drawer it opens on the enabled portal. */
async function workbenchUrlOfThisSession(): Promise<{ url: string; page: Page }> {
  await browser.portalScriptsRegistered();
  const page = await browser.context.newPage();
  await page.goto(`${portal.url}/crm/customer/list?page=1&size=20`);
  const panel = page.locator('dealerlens-capture');
  await panel.getByRole('button', { name: 'DealerLens 抓取客户' }).click();
  await panel.getByRole('button', { name: '工作台 Workbench' }).click();
  const src = await page.locator('dealerlens-workbench iframe').getAttribute('src');
  return { url: src!, page };
}

/** Frames `src` in `page` and gives the text the frame shows after it had time to render (empty when it could not load). */
async function framedText(page: Page, src: string): Promise<string> {
  await page.evaluate((s) => {
    const frame = document.createElement('iframe');
    frame.id = 'probe';
    frame.src = s;
    frame.style.cssText = 'width:1000px;height:700px';
    document.body.append(frame);
  }, src);
  let frame: Frame | undefined;
  await expect
    .poll(
      () => (frame = page.frames().find((f) => f.url() === src || f.parentFrame() === page.mainFrame())) !== undefined,
    )
    .toBe(true);
  await page.waitForTimeout(2500);
  return frame!.evaluate(() => document.body?.innerText ?? '').catch(() => '');
}

describe('the pages a portal frames, seen from a site the user never enabled', () => {
  it('renders the workbench with the customers inside the enabled portal', async () => {
    const { page } = await workbenchUrlOfThisSession();
    const frame = () => page.frames().find((f) => f.url().includes('/workbench.html'));
    await expect
      .poll(() => frame()?.getByTestId('row-count').textContent(), { timeout: 15_000 })
      .toContain(`共 ${rows.length} 位客户`);
    await page.close();
  });

  it('renders nothing when another site frames the workbench, even at this session’s address', async () => {
    const { url, page: portalPage } = await workbenchUrlOfThisSession();
    await portalPage.close();
    expect(url).not.toContain(browser.extensionId);
    const page = await browser.context.newPage();
    await page.goto(`${otherSite()}/crm/customer/list?page=1`);
    const text = await framedText(page, url);
    for (const customer of rows.slice(0, 10)) {
      expect(text).not.toContain(customer.name!);
      expect(text).not.toContain(customer.phone!);
    }
    expect(text).not.toContain('位客户');
    await page.close();
  });

  it('cannot load or even detect DealerLens at its fixed extension address', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${otherSite()}/crm/customer/list?page=1`);
    const probe = await page.evaluate(async (base) => {
      const results: string[] = [];
      for (const path of ['workbench.html', 'capture.html', 'manifest.json']) {
        try {
          const response = await fetch(`${base}/${path}`);
          results.push(`${path}:${response.status}`);
        } catch {
          results.push(`${path}:blocked`);
        }
      }
      return results;
    }, `chrome-extension://${browser.extensionId}`);
    expect(probe).toEqual(['workbench.html:blocked', 'capture.html:blocked', 'manifest.json:blocked']);
    const text = await framedText(page, `chrome-extension://${browser.extensionId}/workbench.html`);
    expect(text).not.toContain(rows[0]!.name!);
    await page.close();
  });
});

describe('the built manifests ask for the minimum', () => {
  const manifest = (dir: string) =>
    JSON.parse(readFileSync(`.output/${dir}/manifest.json`, 'utf8')) as Record<string, unknown>;

  it.each([
    ['chrome-mv3', ['activeTab', 'scripting', 'storage', 'unlimitedStorage', 'alarms', 'notifications', 'sidePanel']],
    ['firefox-mv3', ['activeTab', 'scripting', 'storage', 'unlimitedStorage', 'alarms', 'notifications']],
  ])(
    '%s: these permissions, no host access at install, portals granted one by one, two framed pages',
    (dir, permissions) => {
      const m = manifest(dir);
      expect(m.permissions).toEqual(permissions);
      expect(m.host_permissions).toBeUndefined();
      expect(m.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
      expect(JSON.stringify(m)).not.toContain('<all_urls>');
      expect(m.content_scripts ?? []).toEqual([]);
      expect(m.externally_connectable).toBeUndefined();
      const war = m.web_accessible_resources as { resources: string[]; use_dynamic_url?: boolean }[];
      expect(war.flatMap((w) => w.resources).sort()).toEqual(['capture.html', 'workbench.html']);
      if (dir === 'chrome-mv3') expect(war.every((w) => w.use_dynamic_url === true)).toBe(true);
    },
  );
});

describe('the script DealerLens puts into a portal page', () => {
  it.each(['chrome-mv3', 'firefox-mv3'])('%s: stays under 60 KB gzipped, with no database code in it', (dir) => {
    const script = readFileSync(`.output/${dir}/content-scripts/portal.js`);
    expect(gzipSync(script).length).toBeLessThan(60 * 1024);
    // The database lives in the extension's origin: a content script that bundled Dexie would be the portal's.
    expect(script.toString('utf8')).not.toMatch(/\bDexie\b/);
  });
});
