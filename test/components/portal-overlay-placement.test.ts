/** @vitest-environment happy-dom */
// Where the overlay puts a badge and the summary bar: a badge never covers
// the portal's controls nor the cells after its own, and the bar lies in the
// part of the table the user sees. happy-dom lays nothing out, so each
// element's box is given in its data-box attribute ("left,top,width,height").
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findTables } from '../../lib/scrape';
import { looksLikeCustomerList } from '../../lib/capture/judge';
import { textWidthEm } from '../../lib/overlay';
import { PortalOverlay, type OverlayDeps } from '../../components/portal-overlay/PortalOverlay';

const BAR_WIDTH = 280;
const ROW_HEIGHT = 24;
const box = (l: number, t: number, w: number, h: number) => `data-box="${l},${t},${w},${h}"`;

let root: ShadowRoot | null = null;
const attach = Element.prototype.attachShadow;
const rect = Element.prototype.getBoundingClientRect;
const computed = window.getComputedStyle;

beforeEach(() => {
  // The overlay's root is closed: kept here as it is made, to read the badges.
  Element.prototype.attachShadow = function (init) {
    return (root = attach.call(this, init));
  };
  Element.prototype.getBoundingClientRect = function () {
    const given = this.getAttribute('data-box')?.split(',').map(Number);
    if (given) return new DOMRect(...(given as [number, number, number, number]));
    if (this.classList.contains('bar')) return new DOMRect(0, 0, BAR_WIDTH, 22);
    return new DOMRect(0, 0, 0, 0);
  };
  document.elementsFromPoint = () => [];
  // happy-dom computes no overflow (an empty string): the page's boxes scroll nothing, as a browser says.
  vi.spyOn(window, 'getComputedStyle').mockImplementation((el) => {
    const style = computed.call(window, el);
    return new Proxy(style, {
      get: (s, key) => {
        if (key === 'overflowX' || key === 'overflowY') return s[key] || 'visible';
        const value = Reflect.get(s, key, s) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(s) : value;
      },
    });
  });
});

afterEach(() => {
  Element.prototype.attachShadow = attach;
  Element.prototype.getBoundingClientRect = rect;
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

interface Column {
  header: string;
  width: number;
  cell: (i: number) => string;
}

/** A list of 4 rows at `left`, its columns' boxes given; `before` is put before it in the page. */
function page(left: number, columns: Column[], before = ''): void {
  const width = columns.reduce((n, c) => n + c.width, 0);
  const top = 100;
  const row = (i: number) => {
    let x = left;
    const cells = columns.map((c) => {
      const td = `<td ${box(x, top + ROW_HEIGHT * (i + 1), c.width, ROW_HEIGHT)}>${c.cell(i)}</td>`;
      x += c.width;
      return td;
    });
    return `<tr ${box(left, top + ROW_HEIGHT * (i + 1), width, ROW_HEIGHT)}>${cells.join('')}</tr>`;
  };
  document.body.innerHTML = `${before}<div class="main"><table id="list" ${box(left, top, width, ROW_HEIGHT * 5)}>
    <thead><tr>${columns.map((c) => `<th>${c.header}</th>`).join('')}</tr></thead>
    <tbody>${[0, 1, 2, 3].map(row).join('')}</tbody></table></div>`;
}

const NO: Column = { header: '序号', width: 32, cell: (i) => String(i + 81) };
const CHECK: Column = { header: '', width: 24, cell: () => '<input type="checkbox" name="ids">' };
const ID: Column = { header: '客户编号', width: 90, cell: (i) => `KH1000${81 + i}` };
const NAME: Column = {
  header: '客户姓名',
  width: 70,
  cell: (i) => `<a href="/crm/customer/view?id=${i}">客户${i}</a>`,
};
const PHONE: Column = { header: '手机号码', width: 110, cell: (i) => `1381234${1000 + i}` };

/** Row 0 overdue, row 1 a lost lead long overdue, row 2 graded with nothing due, row 3 not captured. */
function deps(): OverlayDeps {
  return {
    findTables: (at, options) => findTables(at ?? document, options),
    isCustomerList: looksLikeCustomerList,
    plan: async (headers) => ({ columns: { phone: [headers.indexOf('手机号码')], vin: [], portalId: [] } }),
    lookup: async (keys) =>
      keys.map((k, i) =>
        i === 0
          ? { id: 'c0', intent: 'H', nextDueAt: '2026-12-05' }
          : i === 1
            ? { id: 'c1', intent: 'insufficient', defeated: 'defeated', nextDueAt: '2026-05-24' }
            : i === 2
              ? { id: 'c2', intent: 'M' }
              : null,
      ),
    now: () => new Date(2026, 11, 7, 12),
    openCustomer: () => undefined,
    openWorkbench: () => undefined,
    capture: () => undefined,
  };
}

interface Drawn {
  text: string;
  label: string;
  x: number;
  /** The width it may take: its room where drawn compact, else its whole text's. */
  width: number;
  compact: boolean;
}

async function drawn(): Promise<Drawn[]> {
  const overlay = new PortalOverlay(document, deps());
  overlay.start();
  await vi.waitFor(() => expect(root!.querySelectorAll('.b:not([hidden])').length).toBe(4));
  overlay.stop();
  return Array.from(root!.querySelectorAll<HTMLElement>('.b:not([hidden])')).map((b) => {
    const compact = b.classList.contains('c');
    const text = b.textContent ?? '';
    return {
      text,
      label: b.getAttribute('aria-label') ?? '',
      x: Number(/translate\((-?[\d.]+)px/.exec(b.style.transform)![1]),
      width: compact ? parseFloat(b.style.getPropertyValue('--w')) : textWidthEm(text) * 11 + 12,
      compact,
    };
  });
}

describe('a badge in the row', () => {
  it('sits in the 序号 cell before the checkbox, drawn compact within it, its whole text still read', async () => {
    // A sidebar beside the list: no room left of it.
    page(200, [NO, CHECK, ID, NAME, PHONE], `<div class="side" ${box(0, 60, 190, 800)}>客户管理</div>`);
    const badges = await drawn();
    expect(badges.map((b) => b.text)).toEqual(['H · 逾期2天', '战败 · 逾期197天', 'M', '未采集']);
    for (const b of badges) {
      expect(b.x).toBeGreaterThanOrEqual(200);
      expect(b.x + b.width).toBeLessThanOrEqual(232);
    }
    expect(badges.filter((b) => b.compact).map((b) => b.text)).toEqual(['H · 逾期2天', '战败 · 逾期197天', '未采集']);
    expect(badges[0]!.label).toBe('H · 逾期2天 / H · 2d overdue');
    // The grade alone shows; the rest is the second part, shown while pointed at.
    const parts = Array.from(root!.querySelector('.b.c')!.children).map((s) => s.textContent);
    expect(parts).toEqual(['H', ' · 逾期2天']);
  });

  it('skips a checkbox in the first cell, and shows the whole text where the next cell has room', async () => {
    page(16, [CHECK, ID, NAME, PHONE]);
    const badges = await drawn();
    // 客户编号's 90 px hold all but the longest whole.
    expect(badges.filter((b) => b.compact).map((b) => b.text)).toEqual(['战败 · 逾期197天']);
    for (const b of badges) {
      expect(b.x).toBeGreaterThanOrEqual(16 + 24);
      expect(b.x + b.width).toBeLessThanOrEqual(16 + 24 + 90);
    }
  });

  it('skips a cell holding a link: the 客户姓名 first puts the badge in the next free cell', async () => {
    page(16, [NAME, CHECK, PHONE, ID]);
    const badges = await drawn();
    for (const b of badges) {
      expect(b.x).toBeGreaterThanOrEqual(16 + 70 + 24);
      expect(b.x + b.width).toBeLessThanOrEqual(16 + 70 + 24 + 110);
    }
  });

  it('goes left of the list, whole, where nothing of the portal is there', async () => {
    page(300, [NO, CHECK, ID, NAME, PHONE]);
    const badges = await drawn();
    for (const b of badges) {
      expect(b.compact).toBe(false);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(300);
    }
  });

  it('stays in the row where a menu beside the list leaves too little room left of it', async () => {
    page(300, [ID, CHECK, NAME, PHONE], `<div class="menu" ${box(0, 0, 260, 900)}>菜单</div>`);
    const badges = await drawn();
    for (const b of badges) {
      expect(b.x).toBeGreaterThanOrEqual(300);
      expect(b.x + b.width).toBeLessThanOrEqual(390);
    }
  });
});

describe('the summary bar', () => {
  it('lies in the part of a table wider than the window that the user sees', async () => {
    page(200, [NO, CHECK, ID, NAME, { header: '备注', width: 1800, cell: () => '' }, PHONE]);
    const overlay = new PortalOverlay(document, deps());
    overlay.start();
    const bar = () => root!.querySelector<HTMLElement>('.bar')!;
    await vi.waitFor(() => expect(bar().style.transform).not.toBe(''));
    await vi.waitFor(() => expect(bar().style.visibility).toBe(''));
    overlay.stop();
    const x = Number(/translate\((-?[\d.]+)px/.exec(bar().style.transform)![1]);
    expect(bar().hidden).toBe(false);
    expect(x).toBeGreaterThanOrEqual(200);
    expect(x + BAR_WIDTH).toBeLessThanOrEqual(window.innerWidth);
  });
});
