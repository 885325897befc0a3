// A site the user never enabled must learn nothing of DealerLens and show
// nothing of the customer base: the pages the portal panel frames are served
// at a per-session address only, and render only inside an enabled portal
// (docs/architecture.md#hostile-pages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launchWithExtension, seedGradedCustomers, type ExtensionBrowser, inPage } from './harness';
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
  const panel = inPage(page);
  await panel.click('DealerLens 抓取客户');
  await panel.click('工作台 Workbench');
  const drawer = inPage(page, 'dealerlens-workbench');
  await drawer.waitFor('iframe');
  const src = await drawer.attribute('iframe', 'src');
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

describe('the scripts DealerLens puts into a portal page', () => {
  // portal.js: the panel, injected for a one-off capture or registered; lens.js: the grades on the
  // portal's rows and following it, registered after it on enabled portals only.
  it.each(['chrome-mv3', 'firefox-mv3'].flatMap((dir) => ['portal', 'lens'].map((name) => [dir, name] as const)))(
    '%s %s.js: stays under 60 KB gzipped, with no database code in it',
    (dir, name) => {
      const script = readFileSync(`.output/${dir}/content-scripts/${name}.js`);
      expect(gzipSync(script).length).toBeLessThan(60 * 1024);
      // The database lives in the extension's origin: a content script that bundled Dexie would be the portal's.
      expect(script.toString('utf8')).not.toMatch(/\bDexie\b/);
    },
  );
});

type WorkerDb = { dealerlens: { db: import('../../lib/db').DealerLensDB } };
const batchCount = () => browser.evalInWorker(() => (globalThis as unknown as WorkerDb).dealerlens.db.batches.count());

describe("the portal page's own scripts and DealerLens's panel", () => {
  it('cannot open the panel’s closed root, and a scripted click on a control acts on nothing; the user’s click does', async () => {
    await browser.portalScriptsRegistered();
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/crm/customer/list?page=2&size=20`);
    const panel = inPage(page);
    await panel.waitFor('.fab');
    // What a page script sees: the host element, no root, no text of DealerLens's.
    expect(
      await page.evaluate(() => {
        const host = document.querySelector('dealerlens-capture')!;
        return { root: host.shadowRoot, text: host.textContent, children: host.children.length };
      }),
    ).toEqual({ root: null, text: '', children: 0 });
    // A page listener hears the user's click only on the host: nothing inside leaks through the event.
    await page.evaluate(() =>
      document.addEventListener(
        'click',
        (event) => {
          (window as unknown as { seen: string[] }).seen = event
            .composedPath()
            .map((n) => (n as Element).tagName ?? '#');
        },
        true,
      ),
    );

    // Even holding a reference to a control (as a leak would give), a script's click does nothing.
    await panel.scriptClick({ selector: '.fab' });
    await page.waitForTimeout(300);
    expect(await panel.read((root) => (root.querySelector('.panel') as HTMLElement).hidden)).toBe(true);
    await panel.click('DealerLens 抓取客户');
    await panel.waitFor('.summary');
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen[0])).toBe('DEALERLENS-CAPTURE');

    const batches = await batchCount();
    await panel.scriptClick('抓取 Capture');
    await panel.scriptClick('工作台 Workbench');
    await page.waitForTimeout(1000);
    expect(await panel.count('iframe.dialog, .result, .busy')).toBe(0);
    expect(await page.locator('dealerlens-workbench').count()).toBe(0);
    expect(await batchCount()).toBe(batches);

    // The user's own clicks work.
    await panel.click('工作台 Workbench');
    await expect.poll(() => page.locator('dealerlens-workbench').count()).toBe(1);
    expect(await page.evaluate(() => document.querySelector('dealerlens-workbench')!.shadowRoot)).toBeNull();
    const drawer = inPage(page, 'dealerlens-workbench');
    await drawer.waitFor('iframe');
    await drawer.scriptClick('×');
    await page.waitForTimeout(300);
    expect(await drawer.read((root) => (root.querySelector('aside') as HTMLElement).hidden)).toBe(false);
    await drawer.click('×');
    await expect.poll(() => drawer.read((root) => (root.querySelector('aside') as HTMLElement).hidden)).toBe(true);
    await panel.click('DealerLens 抓取客户');
    await panel.click('抓取 Capture');
    await panel.waitFor('iframe.dialog, .result');
    await page.close();
  });

  it('finds nothing of DealerLens on window, and its messages reach nothing', async () => {
    await browser.portalScriptsRegistered();
    const names = async (url: string, open: boolean) => {
      const page = await browser.context.newPage();
      await page.goto(url);
      if (open) {
        const panel = inPage(page);
        await panel.click('DealerLens 抓取客户');
        await panel.waitFor('.summary');
      }
      const own = await page.evaluate(() => Object.getOwnPropertyNames(window).sort());
      return { page, own };
    };
    // The same page, on a site without DealerLens and on the enabled portal with its panel open.
    const without = await names(`${otherSite()}/crm/customer/list?page=3&size=20`, false);
    const withIt = await names(`${portal.url}/crm/customer/list?page=3&size=20`, true);
    await without.page.close();
    expect(withIt.own).toEqual(without.own);
    const page = withIt.page;
    expect(withIt.own.filter((n) => /dealerlens/i.test(n))).toEqual([]);

    // No extension API is offered to the page (the manifest has no externally_connectable).
    expect(
      await page.evaluate(() => {
        const c = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
        return typeof c?.runtime?.sendMessage;
      }),
    ).toBe('undefined');

    // Messages forged in the page's window, in the shapes the capture frame posts, change nothing.
    const batches = await batchCount();
    const panel = inPage(page);
    const before = await panel.read((root) => root.querySelector('.body')!.innerHTML);
    await page.evaluate(() => {
      const batch = {
        id: 'forged',
        at: '',
        source: 'page',
        pageUrl: location.href,
        counts: { new: 99, updated: 0, unchanged: 0, rejected: 0 },
        rejected: [],
        undone: false,
      };
      window.postMessage({ source: 'dealerlens', type: 'committed', batch }, '*');
      window.postMessage({ source: 'dealerlens', type: 'close' }, '*');
      window.postMessage({ type: 'capture:run', payload: {} }, '*');
      window.postMessage({ type: 'capture:undo', payload: { batchId: 'x' } }, '*');
    });
    await page.waitForTimeout(500);
    expect(await panel.read((root) => root.querySelector('.body')!.innerHTML)).toBe(before);
    expect(await panel.count('.result')).toBe(0);
    expect(await batchCount()).toBe(batches);
    await page.close();
  });
});
