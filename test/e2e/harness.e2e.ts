// The browser-test harness itself (test/e2e/harness.ts) fails a file on a
// CSP violation, a console error, or a request that leaves the machine: each
// provoked once in an extension page, and the browser's close must throw it.
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
});
