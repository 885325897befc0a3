/** @vitest-environment happy-dom */
// The grid's own texts (filter rows and menus) follow the user's language,
// from ag-grid's locale package: Chinese first, English when switched.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Locale } from '../../lib/i18n';
import { CustomerGrid } from '../../components/customer-grid/CustomerGrid';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

const labels = (host: HTMLElement) => Array.from(host.querySelectorAll('.ag-floating-filter input')).map((el) => el.getAttribute('aria-label') ?? '');

describe("the grid's own texts", () => {
  // One grid, its language switched: creating a grid in happy-dom is the slow part on a busy machine.
  it('speak Chinese in a Chinese workbench, and English once switched to English', async () => {
    const host = document.createElement('div');
    host.style.cssText = 'width:800px;height:400px;display:flex';
    document.body.append(host);
    root = createRoot(host);
    const render = (locale: Locale) => act(async () => root!.render(<CustomerGrid locale={locale} revealed={false} reasonOf={() => undefined} onReady={() => undefined} />));
    await render('zh');
    await vi.waitFor(() => expect(labels(host).length).toBeGreaterThan(0), { interval: 5 });
    expect(labels(host).every((label) => label.includes('过滤器输入'))).toBe(true);
    expect(labels(host).join(' ')).not.toContain('Filter Input');
    await render('en');
    await vi.waitFor(() => expect(labels(host).join(' ')).toContain('Filter Input'), { interval: 5 });
  });
});
