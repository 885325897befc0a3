// Mounts one view in happy-dom for a component test, inside the locale it reads.
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { LocaleProvider } from '../../components/i18n/LocaleContext';
import type { Locale } from '../../lib/i18n';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  container: HTMLElement;
  render(node: ReactNode): Promise<void>;
  unmount(): void;
}

export async function mount(node: ReactNode, locale: Locale = 'zh'): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  const render = async (next: ReactNode) => {
    await act(async () => root.render(<LocaleProvider initial={locale}>{next}</LocaleProvider>));
  };
  await render(node);
  return {
    container,
    render,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** A container in the page and a React root on it, for a test that renders by itself. */
export function freshRoot(): { container: HTMLElement; root: Root } {
  const container = document.createElement('div');
  document.body.append(container);
  return { container, root: createRoot(container) };
}

/** Unmounts what `freshRoot` made, inside act(). */
export async function unmountRoot(root: Root, container: HTMLElement): Promise<void> {
  await act(async () => root.unmount());
  container.remove();
}

/** Clicks `el` as a user would, inside act(). */
export async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => (el as HTMLElement).click());
}

/** Types `text` into an input as React hears it (the value setter, then an input event). */
export async function type(input: Element | null | undefined, text: string): Promise<void> {
  if (!(input instanceof HTMLInputElement)) throw new Error('not an input');
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Submits the form `el` belongs to. */
export async function submit(el: Element | null | undefined): Promise<void> {
  const form = el instanceof HTMLFormElement ? el : el?.closest('form');
  if (!form) throw new Error('no form');
  await act(async () => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
}

/** The buttons' texts, in order. */
export const buttonTexts = (root: ParentNode): string[] =>
  [...root.querySelectorAll('button')].map((b) => b.textContent ?? '');
