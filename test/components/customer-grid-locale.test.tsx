/** @vitest-environment happy-dom */
// The grid's own texts (filter rows and menus) follow the user's language,
// from ag-grid's locale package: Chinese first, English when switched.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Locale } from '../../lib/i18n';
import { CustomerGrid } from '../../components/customer-grid/CustomerGrid';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// One grid for the file, created before the test and switched to English in
// it: creating an ag-grid in happy-dom is the slow part on a busy machine.
let root: Root;
let host: HTMLElement;
const render = (locale: Locale) =>
  act(async () =>
    root.render(<CustomerGrid locale={locale} revealed={false} reasonOf={() => undefined} onReady={() => undefined} />),
  );
const labels = () =>
  Array.from(host.querySelectorAll('.ag-floating-filter input')).map((el) => el.getAttribute('aria-label') ?? '');

beforeAll(async () => {
  host = document.createElement('div');
  host.style.cssText = 'width:800px;height:400px;display:flex';
  document.body.append(host);
  root = createRoot(host);
  await render('zh');
});
afterAll(() => {
  act(() => root.unmount());
  document.body.innerHTML = '';
});

describe("the grid's own texts", () => {
  it('speak Chinese in a Chinese workbench, and English once switched to English', async () => {
    await vi.waitFor(() => expect(labels().length).toBeGreaterThan(0), { interval: 5 });
    expect(labels().every((label) => label.includes('过滤器输入'))).toBe(true);
    expect(labels().join(' ')).not.toContain('Filter Input');
    await render('en');
    await vi.waitFor(() => expect(labels().join(' ')).toContain('Filter Input'), { interval: 5 });
  });
});
