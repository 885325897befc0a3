// Drives the BUILT Firefox extension (.output/firefox-mv3) in Debian's
// firefox-esr, through WebDriver BiDi (puppeteer-core): Playwright drives only
// its own patched Firefox builds, which are downloads this machine cannot make.
// As in harness.ts, a copy of the build gets the demo portal's origin as a
// host permission (copyBuild), the state after "always enable on this portal".
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { copyBuild, isLocalRequest } from './harness';

export const FIREFOX_BUILD_DIR = resolve('.output/firefox-mv3');

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('Firefox not found: apt-get install -y firefox-esr (or set FIREFOX_PATH)');
  return found;
}

export interface FirefoxWithExtension {
  browser: Browser;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(
  opts: { grantOrigins?: string[] } = {},
): Promise<FirefoxWithExtension> {
  if (!existsSync(join(FIREFOX_BUILD_DIR, 'manifest.json')))
    throw new Error(`No build at ${FIREFOX_BUILD_DIR}: run npm run build:firefox first`);
  const work = mkdtempSync(join(tmpdir(), 'dealerlens-firefox-'));
  const extDir = copyBuild(FIREFOX_BUILD_DIR, work, opts.grantOrigins);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: join(work, 'profile'),
    defaultViewport: { width: 1366, height: 900 },
    extraPrefsFirefox: { 'intl.accept_languages': 'zh-CN, zh, en' },
  });
  try {
    // Installed as a temporary add-on, as about:debugging does.
    await browser.installExtension(extDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
  // As in the Chromium harness: a request that leaves the machine, or an error
  // on a page's console, fails the test file when the browser closes.
  const leaks: string[] = [];
  const errors: string[] = [];
  return {
    browser,
    async newPage() {
      const page = await browser.newPage();
      page.setDefaultTimeout(15_000);
      page.on('request', (request) => {
        if (!isLocalRequest(request.url())) leaks.push(request.url());
      });
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) =>
        errors.push(`${page.url()}: ${error instanceof Error ? error.message : String(error)}`),
      );
      return page;
    },
    async close() {
      await browser.close();
      rmSync(work, { recursive: true, force: true });
      if (leaks.length) throw new Error(`requests left the machine: ${[...new Set(leaks)].join(', ')}`);
      if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
    },
  };
}

/**
 * DealerLens's in-page panel in Firefox, reached as the user reaches it (as
 * `inPage` in harness.ts for Chromium): its shadow root is closed, so it is
 * read over WebDriver BiDi, whose node serialisation shows closed roots
 * (`includeShadowTree: 'all'`), and a control is pressed by a real mouse
 * click at its place on screen (trusted input).
 */
export interface FirefoxInPage {
  /** Runs `fn` on the shadow root in the page (for reading only); undefined while the panel is not there. */
  read<R>(fn: string, ...args: (string | number)[]): Promise<R | undefined>;
  click(label: string): Promise<void>;
}

// puppeteer's BiDi connection resolves with the whole reply message; its `result` is the command's result.
type Bidi = { send(method: string, params: unknown): Promise<{ result: BidiResult }> };
type BidiResult = {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown; sharedId?: string };
  exceptionDetails?: { text: string };
};

export function firefoxInPage(browser: Browser, page: Page, tag = 'dealerlens-capture'): FirefoxInPage {
  const bidi = (browser as unknown as { connection: Bidi }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  const call = async (declaration: string, args: unknown[], self?: { sharedId: string }, shadow = false) => {
    const reply = await bidi.send('script.callFunction', {
      functionDeclaration: declaration,
      awaitPromise: false,
      target: { context },
      arguments: args,
      ...(self ? { this: self } : {}),
      serializationOptions: shadow ? { includeShadowTree: 'all', maxDomDepth: 0 } : { maxDomDepth: 0 },
    });
    const result = reply.result;
    if (result.type === 'exception') throw new Error(`${tag}: ${result.exceptionDetails?.text}`);
    return result.result;
  };
  const root = async (): Promise<{ sharedId: string } | undefined> => {
    const host = await call(`(tag) => document.querySelector(tag)`, [{ type: 'string', value: tag }], undefined, true);
    const shadow = (host?.value as { shadowRoot?: { sharedId?: string } } | undefined)?.shadowRoot;
    return shadow?.sharedId ? { sharedId: shadow.sharedId } : undefined;
  };
  const read = async <R>(fn: string, ...args: (string | number)[]): Promise<R | undefined> => {
    const self = await root();
    if (!self) return undefined;
    const out = await call(
      `function (...args) { return (${fn})(this, ...args); }`,
      args.map((value) => ({ type: typeof value === 'number' ? 'number' : 'string', value })),
      self,
    );
    return deserialize(out) as R;
  };
  return {
    read,
    async click(label) {
      for (const started = Date.now(); ;) {
        const box = await read<string>(
          `(root, label) => {
            const b = [...root.querySelectorAll('button')].find((e) => (e.textContent || '').includes(label) && e.getBoundingClientRect().width > 0);
            if (!b) return '';
            b.scrollIntoView({ block: 'nearest' });
            const r = b.getBoundingClientRect();
            return JSON.stringify({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
          }`,
          label,
        ).catch(() => '');
        if (box) {
          const { x, y } = JSON.parse(box) as { x: number; y: number };
          await page.mouse.click(x, y);
          return;
        }
        if (Date.now() - started > 15_000) throw new Error(`${tag}: no button ${label}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** A BiDi remote value of a primitive, as plain JavaScript. */
function deserialize(value: { type: string; value?: unknown } | undefined): unknown {
  if (!value) return undefined;
  if (value.type === 'null' || value.type === 'undefined') return value.type === 'null' ? null : undefined;
  return value.value;
}
