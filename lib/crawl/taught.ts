// A next-page control the user teaches with one click, where detection
// (./pager.ts) finds none or a wrong one: the click's target turned into a
// selector that finds the same control again on every page of the list, and
// that selector found again. Pure: the document comes in with the table.
import type { TaughtControl } from '../mapping';
import {
  actsOnData,
  CLICKABLE,
  controlLabel,
  findPager,
  inDataRow,
  pagerAround,
  type FindPagerOptions,
  type PagerInfo,
} from './pager';
import type { TeachRefusal } from './words';

export type { TaughtControl };

/** Classes that say what state a control is in, not what it is: they come and go from page to page. */
const STATE_CLASS =
  /^(?:is|has)-|(?:^|[-_])(?:active|disabled|hover|hovered|focus|focused|focus-visible|selected|current|curr|checked|open|opened|show|visible|hidden|on|off|loading|pressed)$/i;
/** Class names a build tool made up (CSS modules, styled-components, emotion): a new release of the portal renames them. */
const GENERATED_CLASS = /\d{3,}|^(?:css|sc|jsx|emotion|svelte|ng)-|^_|__(?=[\w-]*\d)[\w-]{5,}$/i;
/** Names that need no escaping in a selector. */
const PLAIN = /^-?[A-Za-z_][\w-]*$/;
/** Attributes that name a control for what it does. A value with a digit names a page (第 3 页), not the control. */
const NAMING_ATTRIBUTES = ['aria-label', 'title', 'rel', 'data-page', 'data-action', 'name'];
const MAX_CLASSES = 3;
/** Icons and their parts: a click on one means the control around it. */
const ICON_PART = new Set([
  'svg',
  'path',
  'use',
  'g',
  'polygon',
  'polyline',
  'line',
  'circle',
  'rect',
  'i',
  'img',
  'em',
  'b',
  'span',
]);
/** How far above the list the control's container may be (a pager in the page's footer bar). */
const MAX_LEVELS = 12;

export type TeachResult = { ok: true; control: TaughtControl; element: Element } | { ok: false; reason: TeachRefusal };

const text = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * The control a click on `target` means: the link, button or library item
 * around it, else the element around a bare icon (an <i> or an <svg> drawn
 * in a <div> with a script handler).
 */
export function controlAt(target: Element, table: Element): Element {
  const clickable = target.closest(CLICKABLE);
  if (clickable && !clickable.contains(table) && text(clickable).length <= 40) {
    // A library item around its link (li > a): the link, where the handler is.
    return clickable.localName === 'li' ? (clickable.querySelector('a, button') ?? clickable) : clickable;
  }
  let x: Element = target.closest('svg') ?? target;
  while (x.parentElement && ICON_PART.has(x.localName) && text(x) === '' && !x.parentElement.contains(table))
    x = x.parentElement;
  return x;
}

function quoted(value: string): string {
  return `"${value.replace(/\s+/g, ' ').replace(/["\\]/g, '\\$&')}"`;
}

/** The element by what it is: its tag, a stable id, naming attributes, and classes that are not state or generated. */
function ownStep(el: Element): string {
  let step = PLAIN.test(el.localName) ? el.localName : '*';
  const id = el.getAttribute('id');
  if (id && PLAIN.test(id) && !/\d/.test(id)) step += `#${id}`;
  for (const name of NAMING_ATTRIBUTES) {
    const value = el.getAttribute(name)?.trim();
    if (value && value.length <= 40 && !/\d/.test(value)) step += `[${name}=${quoted(value)}]`;
  }
  const classes = (el.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter((c) => c && PLAIN.test(c) && !STATE_CLASS.test(c) && !GENERATED_CLASS.test(c))
    .slice(0, MAX_CLASSES);
  for (const c of classes) step += `.${c}`;
  return step;
}

/**
 * The element's step with its place among its siblings of the same tag where
 * its step alone does not tell it from them: counted from the end, since a
 * pager's next control keeps its place from the end whatever page numbers
 * come before it (a pager shows more numbers on page 5 than on page 1).
 */
function placedStep(el: Element): string {
  const step = ownStep(el);
  const parent = el.parentElement;
  if (!parent) return step;
  const same = Array.from(parent.children).filter((x) => x.localName === el.localName);
  const alike = same.filter((x) => x === el || safeMatches(x, step));
  if (alike.length <= 1) return step;
  return `${step}:nth-last-of-type(${same.length - same.indexOf(el)})`;
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** The controls `selector` finds in `scope`: outside the list's data rows, each the control around what matched. */
function controlsIn(scope: Element, selector: string, table: Element): Element[] {
  let found: Element[];
  try {
    found = Array.from(scope.querySelectorAll(selector));
  } catch {
    return [];
  }
  const out = new Set<Element>();
  for (const el of found) {
    const control = controlAt(el, table);
    if (scope.contains(control) && !inDataRow(control, table)) out.add(control);
  }
  return [...out];
}

/** The nearest ancestor of the list that holds `el` too. */
function containerOf(table: Element, el: Element): Element | null {
  let x: Element | null = table;
  for (let level = 0; x && level <= MAX_LEVELS; level++, x = x.parentElement) if (x.contains(el)) return x;
  return null;
}

/**
 * A selector that finds `control` and nothing else in `container`, most
 * lasting first: the control by what it is (aria-label, title, classes);
 * else an icon inside it by its own classes; else the path down from the
 * container with places counted from the end.
 */
function selectorFor(control: Element, container: Element, table: Element): string | null {
  const only = (selector: string): boolean => {
    const found = controlsIn(container, selector, table);
    return found.length === 1 && found[0] === control;
  };
  const own = ownStep(control);
  if (own !== control.localName && only(own)) return own;
  for (const inner of Array.from(control.querySelectorAll('*')).slice(0, 20)) {
    const step = ownStep(inner);
    if (step === inner.localName) continue;
    const selector = `${own} ${step}`;
    if (only(selector)) return selector;
  }
  const chain: string[] = [];
  for (let x: Element | null = control; x && x !== container; x = x.parentElement) {
    chain.unshift(placedStep(x));
    const selector = chain.join(' > ');
    if (only(selector)) return selector;
  }
  return null;
}

/**
 * What a click on `target` teaches for the list in `table`: the control and
 * its selector, or why it cannot be the next-page control (a control that
 * acts on data, a part of the list, a page number, not a control at all).
 */
export function teachControl(table: Element, target: Element): TeachResult {
  const control = controlAt(target, table);
  const head = control.closest('th, thead, [role="columnheader"]');
  if (control === table || (head && table.contains(head)) || inDataRow(control, table) || control.contains(table))
    return { ok: false, reason: control.contains(table) && control !== table ? 'not-a-control' : 'in-list' };
  if (actsOnData(control) || actsOnData(target)) return { ok: false, reason: 'acts-on-data' };
  const label = controlLabel(control);
  if (/^\d{1,5}$/.test(label)) return { ok: false, reason: 'page-number' };
  const field = control.closest('select, textarea, input:not([type="button"]):not([type="submit"])');
  if (field || control.localName === 'body' || control.localName === 'html')
    return { ok: false, reason: 'not-a-control' };
  const container = containerOf(table, control);
  const selector = container && selectorFor(control, container, table);
  if (!selector) return { ok: false, reason: 'no-selector' };
  return { ok: true, control: { selector, label: label.slice(0, 40) }, element: control };
}

/**
 * The taught control on this page: searched from the list outwards, in the
 * nearest ancestor where the selector finds anything. One control, which
 * does not act on data; several (the selector no longer tells them apart)
 * or none (the pager changed): null, and detection takes over.
 */
export function resolveTaught(table: Element, taught: TaughtControl): { el: Element; scope: Element } | null {
  let scope: Element | null = table;
  for (let level = 0; scope && level <= MAX_LEVELS; level++, scope = scope.parentElement) {
    const found = controlsIn(scope, taught.selector, table);
    if (found.length === 0) continue;
    if (found.length > 1 || actsOnData(found[0]!)) return null;
    return { el: found[0]!, scope };
  }
  return null;
}

/**
 * How the list goes on, the taught control first: it is the next control
 * when it is on the page (marked disabled: the last page). When it is gone,
 * detection decides; a list that detection would scroll is a pager whose
 * control is missing here, never scrolled.
 */
export function findPagerTaught(
  table: Element,
  options: FindPagerOptions,
  taught: TaughtControl | null | undefined,
): PagerInfo {
  if (!taught) return findPager(table, options);
  const found = resolveTaught(table, taught);
  if (found) return pagerAround(table, found.el, found.scope, options);
  const detected = findPager(table, options);
  if (detected.kind === 'pager' || detected.kind === 'load-more') return { ...detected, taughtMissing: true };
  return {
    kind: 'pager',
    root: null,
    next: null,
    atEnd: false,
    taughtMissing: true,
    ...(options.totalRowsHint !== undefined ? { totalRows: options.totalRowsHint } : {}),
  };
}
