// The browser-test harness itself (test/e2e/harness.ts) fails a file on a
// CSP violation, a console error, or a request that leaves the machine: each
// provoked once in an extension page (console and uncaught errors also in the
// service worker, the first one and one the browser started again after
// stopping it), and the browser's close must throw it.
// Without this, every other browser file's "no CSP violation, no console
// error, no request out" could pass by a harness that sees nothing.
import { describe, expect, it } from 'vitest';
import { launchWithExtension } from './harness';

describe('the harness fails a test file', () => {
  it('on a CSP violation in a DealerLens page (an inline script it refused), and the script did not run', async () => {
    const browser = await launchWithExtension();
    const page = await browser.page('popup.html');
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false;
    });
    expect(ran).toBe(false);
    await expect(browser.close()).rejects.toThrow(/console errors:[\s\S]*Content Security Policy/);
  }, 30_000);

  it('on a request to anywhere but loopback', async () => {
    const browser = await launchWithExtension();
    const page = await browser.page('popup.html');
    await page.evaluate(() => fetch('https://cdn.example.com/font.woff2').catch(() => undefined));
    await expect(browser.close()).rejects.toThrow(
      /requests left the machine: https:\/\/cdn\.example\.com\/font\.woff2/,
    );
  }, 30_000);

  it('on a console error, an uncaught error and an unhandled rejection in the service worker', async () => {
    const browser = await launchWithExtension();
    await browser.evalInWorker(
      () =>
        new Promise<void>((resolve) => {
          console.error('worker console error');
          void Promise.reject(new Error('worker unhandled rejection'));
          setTimeout(() => {
            resolve();
            throw new Error('worker uncaught error');
          });
        }),
    );
    const failure = await browser.close().then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/^console errors:/);
    expect(failure).toContain('service worker: worker console error');
    expect(failure).toContain('service worker: Uncaught Error: worker uncaught error');
    expect(failure).toContain('service worker: Uncaught (in promise) Error: worker unhandled rejection');
  }, 30_000);

  it('on errors of a service worker the browser started again after stopping it', async () => {
    const browser = await launchWithExtension();
    await browser.stopServiceWorker();
    // An extension page wakes the worker again: a new worker, started after the harness began watching.
    await browser.page('popup.html');
    await browser.evalInWorker(
      () =>
        new Promise<void>((resolve) => {
          console.error('restarted worker console error');
          setTimeout(() => {
            resolve();
            throw new Error('restarted worker uncaught error');
          });
        }),
    );
    await expect(browser.close()).rejects.toThrow(
      /service worker: restarted worker console error[\s\S]*service worker: Uncaught Error: restarted worker uncaught error/,
    );
  }, 30_000);

  it('not on errors a test provokes on purpose, in the service worker too', async () => {
    const browser = await launchWithExtension({ expectErrors: [/provoked on purpose/] });
    await browser.evalInWorker(
      () =>
        new Promise<void>((resolve) => {
          console.error('provoked on purpose');
          setTimeout(() => {
            resolve();
            throw new Error('provoked on purpose');
          });
        }),
    );
    await browser.close();
  }, 30_000);
});
