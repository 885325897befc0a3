/** @vitest-environment happy-dom */
// The grid's own texts (filter rows and menus) follow the user's language,
// from ag-grid's locale package: Chinese first, English when switched.
import { afterEach, describe, expect, it } from 'vitest';
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

async function filterInputLabels(locale: Locale): Promise<string[]> {
  const host = document.createElement('div');
  host.style.cssText = 'width:800px;height:400px;display:flex';
  document.body.append(host);
  root = createRoot(host);
  await act(async () => {
    root!.render(<CustomerGrid locale={locale} revealed={false} reasonOf={() => undefined} onReady={() => undefined} />);
    await new Promise((r) => setTimeout(r, 0));
  });
  return Array.from(host.querySelectorAll('.ag-floating-filter input')).map((el) => el.getAttribute('aria-label') ?? '');
}

describe("the grid's own texts", () => {
  it('speak Chinese in a Chinese workbench and English in an English one', async () => {
    const zh = await filterInputLabels('zh');
    expect(zh.length).toBeGreaterThan(0);
    expect(zh.every((label) => label.includes('过滤器输入'))).toBe(true);
    expect(zh.join(' ')).not.toContain('Filter Input');
    act(() => root?.unmount());
    document.body.innerHTML = '';
    const en = await filterInputLabels('en');
    expect(en.join(' ')).toContain('Filter Input');
  });
});
