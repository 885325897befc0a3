// How a legacy DMS prints values. Real portals grew module by module, and
// rows migrated from an older system keep that system's formats, so one page
// mixes date, money, mileage and phone formats (docs/capture.md#value-parsing lists the formats
// DealerLens must read). Which format a cell gets depends only on the row's
// number and the column, so pages are deterministic.

import type { DemoCustomer } from './data.ts';
import type { Stage } from '../../lib/customer.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type DateStyle = 'iso' | 'slash' | 'chinese' | 'compact' | 'isoTime' | 'slashTime';

/** Formats an ISO date or 'YYYY-MM-DDTHH:mm' datetime in a portal style. */
export function formatDate(value: string | undefined, style: DateStyle): string {
  if (!value) return '';
  const y = value.slice(0, 4);
  const m = value.slice(5, 7);
  const d = value.slice(8, 10);
  const hm = value.length > 10 ? value.slice(11, 16) : '';
  switch (style) {
    case 'iso':
      return `${y}-${m}-${d}`;
    case 'slash':
      return `${y}/${Number(m)}/${Number(d)}`;
    case 'chinese':
      return `${y}年${Number(m)}月${Number(d)}日`;
    case 'compact':
      return `${y}${m}${d}`;
    case 'isoTime':
      return hm ? `${y}-${m}-${d} ${hm}` : `${y}-${m}-${d}`;
    case 'slashTime':
      return hm
        ? `${y}/${Number(m)}/${Number(d)} ${Number(hm.slice(0, 2))}:${hm.slice(3)}`
        : `${y}/${Number(m)}/${Number(d)}`;
  }
}

/**
 * The date style of a row in a column: the column's own style, except rows
 * migrated from the old system (every 9th) and rows keyed in by hand (every
 * 13th), which keep theirs.
 */
export function dateStyleFor(rowNo: number, columnStyle: DateStyle): DateStyle {
  if (rowNo % 9 === 4) return columnStyle.endsWith('Time') ? 'slashTime' : 'slash';
  if (rowNo % 13 === 7) return 'chinese';
  if (rowNo % 17 === 3 && !columnStyle.endsWith('Time')) return 'compact';
  return columnStyle;
}

const thousands = (n: number, decimals = 0): string =>
  n.toFixed(decimals).replace(/^(\d+)/, (int) => int.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

/** Money as portals print it: ¥8,560.00 / 8560元 / 1.2万 (yuan). */
export function formatMoney(yuan: number | undefined, rowNo: number): string {
  if (yuan === undefined) return '';
  const variant = rowNo % 3;
  if (variant === 1) return `${Math.round(yuan)}元`;
  if (variant === 2 && yuan >= 10000) return `${Number((yuan / 10000).toFixed(2))}万`;
  return `¥${thousands(yuan, 2)}`;
}

/** Mileage as portals print it: 12,345 km / 1.2万公里 / 12345公里. */
export function formatMileage(km: number | undefined, rowNo: number): string {
  if (km === undefined) return '';
  const variant = rowNo % 4;
  if (variant === 1 && km >= 10000) return `${Number((km / 10000).toFixed(2))}万公里`;
  if (variant === 2) return `${km}公里`;
  return `${thousands(km)} km`;
}

/** A mobile as staff typed it: 13812345678 / 138 1234 5678 / 138-1234-5678 / +86 13812345678. */
export function formatPhone(phone: string, rowNo: number): string {
  switch (rowNo % 5) {
    case 2:
      return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    case 3:
      return `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    case 4:
      return `+86 ${phone}`;
    default:
      return phone;
  }
}

export const STAGE_LABELS: Record<Stage, string> = {
  lead: '有望客户',
  ordered: '已订车',
  delivered: '已交车',
  owner: '保有客户',
  defeated: '战败',
};

export const GENDER_LABELS = { male: '男', female: '女' } as const;

export const USE_LABELS = { private: '私家车', official: '公务车', commercial: '营运车' } as const;

/** The grade's meaning as the portal's legend prints it (docs/grading.md#g11-lead-bands-habc). */
export const GRADE_LABELS: Record<string, string> = {
  H: 'H级(7天内)',
  A: 'A级(1个月内)',
  B: 'B级(3个月内)',
  C: 'C级(3个月以上)',
  O: 'O级(订车)',
  D: 'D级(交车)',
  M: 'M级(保有)',
};

/** Notes longer than this are cut, the full text kept in `title`, as JSP list pages do. */
export const NOTE_LIMIT = 16;

export function truncateNote(note: string): string {
  return note.length > NOTE_LIMIT ? note.slice(0, NOTE_LIMIT - 1) + '...' : note;
}

/** Dashboard figures, computed from the data so they agree with the list. */
export interface Kpis {
  visitsToday: number;
  newThisMonth: number;
  dueFollowUps: number;
  ordersThisMonth: number;
  deliveriesThisMonth: number;
  defeatedThisMonth: number;
  owners: number;
  total: number;
}

const CADENCE_DAYS: Record<string, number> = { H: 2, A: 7, B: 15, C: 30 };

export function computeKpis(customers: readonly DemoCustomer[], today: string): Kpis {
  const month = today.slice(0, 7);
  const k: Kpis = {
    visitsToday: 0,
    newThisMonth: 0,
    dueFollowUps: 0,
    ordersThisMonth: 0,
    deliveriesThisMonth: 0,
    defeatedThisMonth: 0,
    owners: 0,
    total: customers.length,
  };
  const todayMs = Date.parse(today);
  for (const c of customers) {
    // Visits the store can count: first walk-ins and deliveries today.
    if (c.firstVisitAt === today || c.deliveredAt === today) k.visitsToday++;
    if (c.firstVisitAt.startsWith(month)) k.newThisMonth++;
    if (c.stage === 'lead' && c.portalGrade) {
      // Due on the calendar day last contact + cadence (docs/grading.md#g13-lead-due-day).
      const due = Date.parse(c.lastContactAt.slice(0, 10)) + CADENCE_DAYS[c.portalGrade]! * 86_400_000;
      if (due <= todayMs) k.dueFollowUps++;
    }
    if (c.stage === 'ordered' && c.purchasedAt?.startsWith(month)) k.ordersThisMonth++;
    if (c.deliveredAt?.startsWith(month)) k.deliveriesThisMonth++;
    if (c.stage === 'defeated' && c.lastContactAt.startsWith(month)) k.defeatedThisMonth++;
    if (c.stage === 'owner' || c.stage === 'delivered') k.owners++;
  }
  return k;
}
