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
