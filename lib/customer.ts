// The canonical customer record of docs/architecture.md#libcustomerts,
// with the field names docs/architecture.md#libcustomerts fixes for the rest of the product.

/** How a field's text is parsed and stored. */
export type FieldKind =
  | 'text'
  | 'phone' // normalised mainland mobile, 11 digits, stored as text
  | 'idNumber' // 18-digit resident ID, checksum validated, stored as text
  | 'date' // stored as ISO date 'YYYY-MM-DD' or datetime 'YYYY-MM-DDTHH:mm' (local, no zone)
  | 'money' // yuan, number
  | 'mileage' // km, number
  | 'int' // a count
  | 'stage'
  | 'gender'
  | 'vehicleUse'
  | 'vin'; // 17 chars, upper case, stored as text

export const STAGES = ['lead', 'ordered', 'delivered', 'owner', 'defeated'] as const;
export type Stage = (typeof STAGES)[number];

export const VEHICLE_USES = ['private', 'official', 'commercial'] as const;
export type VehicleUse = (typeof VEHICLE_USES)[number];

export type Gender = 'male' | 'female';

/** Every canonical field, its kind and its labels (Chinese first, then English). */
export const FIELDS = {
  name: { kind: 'text', zh: '姓名', en: 'Name' },
  phone: { kind: 'phone', zh: '手机', en: 'Mobile' },
  idNumber: { kind: 'idNumber', zh: '身份证号', en: 'ID number' },
  gender: { kind: 'gender', zh: '性别', en: 'Gender' },
  birthday: { kind: 'date', zh: '生日', en: 'Birthday' },
  district: { kind: 'text', zh: '区域', en: 'District' },
  address: { kind: 'text', zh: '地址', en: 'Address' },
  occupation: { kind: 'text', zh: '职业', en: 'Occupation' },
  source: { kind: 'text', zh: '来源', en: 'Source' },
  referrer: { kind: 'text', zh: '介绍人', en: 'Referrer' },
  consultant: { kind: 'text', zh: '销售顾问', en: 'Consultant' },
  stage: { kind: 'stage', zh: '阶段', en: 'Stage' },
  // Named so a user knows it came from the portal (DMS), not from DealerLens's grading.
  portalGrade: { kind: 'text', zh: '系统原级别', en: 'Portal (DMS) grade' },
  intendedModel: { kind: 'text', zh: '意向车型', en: 'Intended model' },
  firstVisitAt: { kind: 'date', zh: '首次到店', en: 'First visit' },
  lastContactAt: { kind: 'date', zh: '最近联系', en: 'Last contact' },
  expectedPurchaseAt: { kind: 'date', zh: '预计购车', en: 'Expected purchase' },
  defeatReason: { kind: 'text', zh: '战败原因', en: 'Defeat reason' },
  competitor: { kind: 'text', zh: '竞品', en: 'Competitor' },
  vin: { kind: 'vin', zh: '车架号', en: 'VIN' },
  plate: { kind: 'text', zh: '车牌', en: 'Plate' },
  vehicleModel: { kind: 'text', zh: '车型', en: 'Vehicle model' },
  purchasedAt: { kind: 'date', zh: '购车日期', en: 'Purchased' },
  deliveredAt: { kind: 'date', zh: '交车日期', en: 'Delivered' },
  firstServiceDueAt: { kind: 'date', zh: '首保日期', en: 'First service due' },
  mileageKm: { kind: 'mileage', zh: '行驶里程', en: 'Mileage (km)' },
  annualMileageKm: { kind: 'mileage', zh: '年行驶里程', en: 'Annual mileage (km)' },
  lastServiceAt: { kind: 'date', zh: '最近进站', en: 'Last service' },
  serviceVisits: { kind: 'int', zh: '进站次数', en: 'Service visits' },
  totalSpend: { kind: 'money', zh: '累计消费', en: 'Total spend (¥)' },
  vehicleUse: { kind: 'vehicleUse', zh: '车辆用途', en: 'Vehicle use' },
  complaints: { kind: 'int', zh: '投诉次数', en: 'Complaints' },
  eventsAttended: { kind: 'int', zh: '参加活动', en: 'Events attended' },
  referrals: { kind: 'int', zh: '转介绍', en: 'Referrals' },
  satisfaction: { kind: 'text', zh: '满意度', en: 'Satisfaction' },
  notes: { kind: 'text', zh: '备注', en: 'Notes' },
  /** The portal's own customer id (客户编号): the last resort of identity. */
  portalId: { kind: 'text', zh: '客户编号', en: 'Customer no.' },
} as const satisfies Record<string, { kind: FieldKind; zh: string; en: string }>;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

type ValueOf<K extends FieldKind> = K extends 'money' | 'mileage' | 'int'
  ? number
  : K extends 'stage'
    ? Stage
    : K extends 'gender'
      ? Gender
      : K extends 'vehicleUse'
        ? VehicleUse
        : string;

/** The parsed, canonical values of one customer; every field optional. */
export type CustomerFields = {
  -readonly [F in FieldName]?: ValueOf<(typeof FIELDS)[F]['kind']>;
};

/** Where a record came from. */
export interface Provenance {
  profileId?: string;
  pageUrl: string;
  capturedAt: string; // ISO instant
  /** Link to the customer's detail page on the portal, when the row had one. */
  detailUrl?: string;
}

/** One row as understood from a page or a file, before it is stored. */
export interface CapturedRecord {
  fields: CustomerFields;
  /** Columns no canonical field took, by header: nothing the page showed is lost. */
  extra: Record<string, string>;
  /** Cells that failed to parse, by field: the raw text is kept here. */
  invalid: Partial<Record<FieldName, string>>;
  detailUrl?: string;
}

/** The fields that tell customers apart (docs/capture.md#identity-and-de-duplication): a mobile, a VIN, the portal's own customer number. */
export const IDENTITY_FIELDS = ['phone', 'vin', 'portalId'] as const;

/** Records made on demand, row by row (lib/mapping recordSource); lib/db commits them like an array. */
export interface RecordSource {
  count: number;
  /** Row `row` with only the fields that identify a customer (phone, VIN, portal id) and its detail link. */
  identityOf(row: number): CapturedRecord;
  /** Row `row`'s whole record. */
  recordOf(row: number): CapturedRecord;
}

/** Chinese / English labels of the enumerated values: a stage in a 4S store's words (订车客户, not 已订车). */
export const VALUE_LABELS: Record<Stage | Gender | VehicleUse, { zh: string; en: string }> = {
  lead: { zh: '潜在客户', en: 'Lead' },
  ordered: { zh: '订车客户', en: 'Ordered' },
  delivered: { zh: '交车客户', en: 'Delivered' },
  owner: { zh: '保有客户', en: 'Owner' },
  defeated: { zh: '战败客户', en: 'Defeated' },
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
  private: { zh: '私家车', en: 'Private' },
  official: { zh: '公务车', en: 'Official' },
  commercial: { zh: '营运车', en: 'Commercial' },
};

/** The stages by their words, for forms and sheets. */
export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  lead: VALUE_LABELS.lead,
  ordered: VALUE_LABELS.ordered,
  delivered: VALUE_LABELS.delivered,
  owner: VALUE_LABELS.owner,
  defeated: VALUE_LABELS.defeated,
};

/**
 * What a portal's grade letter means, as the user said in the capture
 * preview: portals differ (on some D is a defeated lead, 战败; on others a
 * delivered customer). A letter with a meaning is stored with it, "D（战败）",
 * so the grade keeps the portal's letter and every reader knows what it meant
 * on that portal, whatever rule set grades it later.
 */
export type LetterMeaning = Stage;
export const LETTER_MEANINGS: readonly LetterMeaning[] = STAGES;
/** The short word stored beside a letter; grading reads it back (readPortalGrade). */
export const LETTER_WORDS: Record<LetterMeaning, string> = {
  lead: '潜客',
  ordered: '订车',
  delivered: '交车',
  owner: '保有',
  defeated: '战败',
};
const MEANING_OF_WORD = new Map(Object.entries(LETTER_WORDS).map(([m, w]) => [w, m as LetterMeaning]));

/** The stored portal grade of a letter with a meaning: 'D（战败）'. */
export function annotateGrade(letter: string, meaning: LetterMeaning): string {
  return `${letter}（${LETTER_WORDS[meaning]}）`;
}

const ANNOTATED = /^(.+?)\s*[（(]\s*(\S+?)\s*[)）]$/;
/** The letter and, when the user gave one, its meaning, of a stored portal grade. */
export function readPortalGrade(text: string): { letter: string; meaning?: LetterMeaning } {
  const m = ANNOTATED.exec(text.trim());
  const meaning = m ? MEANING_OF_WORD.get(m[2]!) : undefined;
  return meaning ? { letter: m![1]!, meaning } : { letter: text };
}

/** A stored value as a person reads it: labels for enums (in `locale`), a space between date and time. */
export function displayValue(value: unknown, locale: 'zh' | 'en' = 'zh'): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return value.toLocaleString('zh-CN');
  const text = String(value);
  if (Object.hasOwn(VALUE_LABELS, text)) return VALUE_LABELS[text as keyof typeof VALUE_LABELS][locale];
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? text.replace('T', ' ') : text;
}

/**
 * A portal link DealerLens may store or make clickable: an absolute http(s)
 * URL, resolved against `base` when relative; null for anything else. The
 * URL parser decides the scheme, so `java&#9;script:`, a control character
 * before `javascript:` and `data:`/`blob:`/`file:` links are all refused
 * (docs/architecture.md#hostile-pages).
 */
export function webUrl(raw: string | undefined | null, base?: string): URL | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

/** webUrl as a string, for storing and for an href. */
export const webLink = (raw: string | undefined | null, base?: string): string | null =>
  webUrl(raw, base)?.href ?? null;

/**
 * A table as capture staged it, from a page (the content script) or a file
 * (lib/sheets), in the background until the user confirms. Here, on the lowest
 * floor, so the file reader and capture both use it (docs/architecture.md#the-floors).
 */
export interface StagedTable {
  pageUrl: string;
  pageTitle: string;
  frame: string | null;
  headers: string[];
  rows: string[][];
  rowLinks: (string | null)[];
  totalRowsHint?: number;
  /**
   * The capture's local wall time 'YYYY-MM-DDTHH:mm', stamped when the table is
   * staged: 今天, 3天前 and dates without a year are read from this day.
   */
  capturedAt?: string;
  /**
   * Rows of the source left out before staging because they cannot be
   * imported (a file's cell over Excel's limit): the batch counts them as
   * rejected. `row` is 0-based in the source (a sheet row), `reason` bilingual text.
   */
  refused?: { row: number; reason: string }[];
  /** Cells (headers included) that held zero-width or bidirectional control characters, removed at staging. */
  invisibleCells?: number;
}
