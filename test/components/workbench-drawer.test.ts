/** @vitest-environment happy-dom */
import { beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchDrawer } from '../../components/workbench-drawer/WorkbenchDrawer';
import { CapturePanel } from '../../components/capture-panel/CapturePanel';
import { keepShadowRoots, shadowOf, trusted, userClick } from './shadow';

keepShadowRoots();

// happy-dom would try to load an extension URL; the drawer only needs a string.
const URL = 'about:blank';

function drawerRoot(doc: Document): ShadowRoot {
  return shadowOf(doc, 'dealerlens-workbench');
}

function deps(saved?: number) {
  const widths: number[] = [];
  return { widths, deps: { url: URL, loadWidth: async () => saved, saveWidth: (w: number) => widths.push(w) } };
}

beforeEach(() => {
  document.body.innerHTML = '';
  Object.defineProperty(window, 'innerWidth', { value: 1400, configurable: true });
});

describe('the workbench as a drawer over the portal page', () => {
  it('loads the workbench page in an extension iframe only when first opened, inside a shadow root', async () => {
    const { deps: d } = deps();
    const drawer = new WorkbenchDrawer(document, d);
    const root = drawerRoot(document);
    expect(root.querySelector('iframe')).toBeNull();
    expect(document.querySelector('iframe')).toBeNull();
    await drawer.open();
    expect(root.querySelector('iframe')!.getAttribute('src')).toBe(URL);
    expect(drawer.isOpen).toBe(true);
    (root.querySelector('.close') as HTMLElement).click(); // a page script's click: ignored
    expect(drawer.isOpen).toBe(true);
    userClick(root.querySelector('.close')!);
    expect((root.querySelector('.drawer') as HTMLElement).hidden).toBe(true);
    await drawer.toggle();
    expect(root.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('opens at the width the user chose last time, kept within the window', async () => {
    const drawer = new WorkbenchDrawer(document, deps(700).deps);
    await drawer.open();
    expect((drawerRoot(document).querySelector('.drawer') as HTMLElement).style.width).toBe('700px');
    document.body.innerHTML = '';
    const wide = new WorkbenchDrawer(document, deps(5000).deps);
    await wide.open();
    expect((drawerRoot(document).querySelector('.drawer') as HTMLElement).style.width).toBe('1360px');
  });

  it('is resized from the keyboard on its handle, and remembers the width', async () => {
    const { deps: d, widths } = deps(600);
    const drawer = new WorkbenchDrawer(document, d);
    await drawer.open();
    const handle = drawerRoot(document).querySelector('.handle') as HTMLElement;
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' })); // a page script's key: ignored
    expect((drawerRoot(document).querySelector('.drawer') as HTMLElement).style.width).toBe('600px');
    handle.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'ArrowLeft' })));
    expect((drawerRoot(document).querySelector('.drawer') as HTMLElement).style.width).toBe('640px');
    handle.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'ArrowRight' })));
    handle.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'ArrowRight' })));
    expect(widths).toEqual([640, 600, 560]);
    for (let i = 0; i < 20; i++) handle.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'ArrowRight' })));
    expect(widths.at(-1)).toBe(360);
  });

  it('is opened from the capture panel, which steps aside', async () => {
    const panel = new CapturePanel(document, {
      findTables: () => [],
      isCustomerList: () => true,
      extensionUrl: (p) => `chrome-extension://abc${p}`,
      drawer: deps().deps,
    });
    await panel.open();
    const bench = shadowOf(document, 'dealerlens-capture').querySelector('.bench') as HTMLElement;
    bench.click(); // a page script's click: nothing opens
    await new Promise((r) => setTimeout(r, 0));
    expect(document.querySelector('dealerlens-workbench')).toBeNull();
    userClick(bench);
    await expect
      .poll(() => shadowOf(document, 'dealerlens-workbench').querySelector('iframe')?.getAttribute('src'))
      .toBe(URL);
    expect(document.querySelector('dealerlens-workbench')!.shadowRoot).toBeNull();
    expect((shadowOf(document, 'dealerlens-capture').querySelector('.panel') as HTMLElement).hidden).toBe(true);
  });
});
