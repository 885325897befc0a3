// Column mapping: which canonical field each scraped column holds (docs/capture.md#header-mapping,
// "lib/mapping maps headers to the canonical record fields ... confirmed by
// sniffing values"), and applying a mapping to every row.

import {
  FIELDS,
  IDENTITY_FIELDS,
  type CapturedRecord,
  type CustomerFields,
  type FieldName,
  type RecordSource,
} from '../customer';
import {
  cleanText,
  isPlate,
  parseDate,
  parseMoney,
  parseIdNumber,
  parsePhone,
  parseVin,
  parserFor,
  type Assumption,
  type ParseContext,
  type ParseResult,
} from './parse';
import { headerScale, lookupHeader } from './synonyms';
import { withLetterMeanings, type LetterMeanings } from './letters';
import { isEmptyCell, type ColumnMapping } from './cells';

export { isEmptyCell, type ColumnMapping } from './cells';

export interface ParseFailure {
  /** 0-based index into the rows given to applyMapping. */
  row: number;
  /** 0-based column index. */
  column: number;
  header: string;
  field: FieldName;
  raw: string;
  reason: string;
}

/** A reading applyMapping assumed in a column (a two-digit year, a date without a year, a masked mobile …), with its first example. */
export interface ColumnAssumption {
  column: number;
  header: string;
  field: FieldName;
  assumed: Assumption;
  raw: string;
  value: unknown;
}

/** Sniffing reads a sample, not the whole table: capture may hold 100,000 rows. */
export const SAMPLE_ROWS = 200;
/** Share of non-empty values that must look alike before values overrule a header. */
export const SNIFF_THRESHOLD = 0.8;

const CONFIDENCE = {
  exact: 0.9,
  contains: 0.6,
  /** Floor and bonus of a header match weighed by how many of its values parse. */
  fitFloor: 0.3,
  fitBonus: 0.1,
  sniffBase: 0.75,
  sniffSpan: 0.2,
};

/** Evenly spread sample of row indices, so a table sorted by one column is still read whole. */
function sampleRows(rows: string[][]): string[][] {
  if (rows.length <= SAMPLE_ROWS) return rows;
  const out: string[][] = [];
  const step = rows.length / SAMPLE_ROWS;
  for (let i = 0; i < SAMPLE_ROWS; i++) out.push(rows[Math.floor(i * step)]!);
  return out;
}

function columnValues(sample: string[][], index: number): string[] {
  const values: string[] = [];
  for (const row of sample) {
    const v = row[index];
    if (!isEmptyCell(v)) values.push(v!);
  }
  return values;
}

function share(values: string[], test: (v: string) => boolean): number {
  if (values.length === 0) return 0;
  let n = 0;
  for (const v of values) if (test(v)) n++;
  return n / values.length;
}

// Values that identify their field whatever the header says (docs/capture.md#value-sniffing: "a
// column of valid mobile numbers is a phone column whatever its header says").
// A masked mobile (138****1234) still says "this is the phone column": parsePhone reads it.
const SNIFFERS: { field: FieldName; test: (v: string) => boolean }[] = [
  { field: 'phone', test: (v) => parsePhone(v).ok },
  { field: 'vin', test: (v) => parseVin(v).ok },
  { field: 'idNumber', test: (v) => parseIdNumber(v).ok },
  { field: 'plate', test: isPlate },
];

/** What an unmapped column's values look like, so the preview can offer to map it. */
export type LooksLike = 'date' | 'phone' | 'money';

// Money as a portal prints it: a currency sign or unit, grouping, or cents. A
// bare integer column (序号, counts, codes) is not money.
const MONEY_MARK = /[¥元万]|rmb|cny|\d,\d{3}|\.\d{1,2}$/i;
// A bare 5-digit number parses as an Excel serial date; a column of them is more likely a code (8 digits may be 20260305).
const BARE_DIGITS = /^\d{1,7}$/;

/**
 * Whether most of a column's values (SNIFF_THRESHOLD of a sample) parse as
 * dates, mobiles (masked ones too) or money; null when they do not.
 */
export function looksLike(rows: string[][], index: number, ctx?: ParseContext): LooksLike | null {
  const values = columnValues(sampleRows(rows), index);
  if (values.length === 0) return null;
  const dateCtx = { capturedAt: ctx?.capturedAt, direction: 'nearest' as const };
  if (share(values, (v) => !BARE_DIGITS.test(v.trim()) && parseDate(v, dateCtx).ok) >= SNIFF_THRESHOLD) return 'date';
  if (share(values, (v) => parsePhone(v).ok) >= SNIFF_THRESHOLD) return 'phone';
  if (share(values, (v) => parseMoney(v).ok && MONEY_MARK.test(cleanText(v))) >= SNIFF_THRESHOLD) return 'money';
  return null;
}

/** How well a column's values fit a field, 0..1; undefined when the kind accepts any text. */
function fitOf(field: FieldName, header: string, values: string[], ctx: ParseContext | undefined): number | undefined {
  if (values.length === 0) return undefined;
  if (field === 'plate') return share(values, isPlate);
  if (FIELDS[field].kind === 'text') return undefined;
  const parse = parserFor(field, headerScale(header), ctx);
  return share(values, (v) => parse(v).ok);
}

interface Candidate {
  index: number;
  field: FieldName;
  via: 'header' | 'values';
  confidence: number;
}

function candidatesFor(index: number, header: string, values: string[], ctx: ParseContext | undefined): Candidate[] {
  const out: Candidate[] = [];
  const match = lookupHeader(header);
  let sniffed: { field: FieldName; ratio: number } | undefined;
  for (const s of SNIFFERS) {
    const ratio = share(values, s.test);
    if (ratio >= SNIFF_THRESHOLD) {
      sniffed = { field: s.field, ratio };
      break;
    }
  }
  const sameKind = (a: FieldName, b: FieldName) =>
    a === b || (FIELDS[a].kind === FIELDS[b].kind && FIELDS[a].kind !== 'text');
  if (sniffed && !(match && sameKind(match.field, sniffed.field))) {
    // The values overrule the header.
    out.push({
      index,
      field: sniffed.field,
      via: 'values',
      confidence: CONFIDENCE.sniffBase + CONFIDENCE.sniffSpan * sniffed.ratio,
    });
    return out;
  }
  if (match) {
    const base = match.how === 'exact' ? CONFIDENCE.exact : CONFIDENCE.contains;
    const fit = fitOf(match.field, header, values, ctx);
    const confidence =
      fit === undefined
        ? base
        : base * (CONFIDENCE.fitFloor + (1 - CONFIDENCE.fitFloor) * fit) +
          (fit >= SNIFF_THRESHOLD ? CONFIDENCE.fitBonus : 0);
    out.push({ index, field: match.field, via: 'header', confidence: Math.min(1, round3(confidence)) });
  }
  return out;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * Suggests a canonical field for every column from its header (the synonym
 * dictionary) and its values (a sample of at most SAMPLE_ROWS rows). Each
 * field goes to at most one column, the most confident; the rest stay null
 * and are kept as extra fields by applyMapping.
 */
export function suggestMapping(headers: string[], rows: string[][], ctx?: ParseContext): ColumnMapping[] {
  const sample = sampleRows(rows);
  const candidates: Candidate[] = [];
  headers.forEach((header, index) =>
    candidates.push(...candidatesFor(index, header, columnValues(sample, index), ctx)),
  );
  return assign(headers, candidates, new Set());
}

/** Greedy assignment, most confident first, each field and column used once. */
function assign(
  headers: string[],
  candidates: Candidate[],
  taken: Set<FieldName>,
  fixed?: Map<number, ColumnMapping>,
): ColumnMapping[] {
  const byIndex = new Map<number, ColumnMapping>(fixed);
  const sorted = [...candidates].sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  for (const c of sorted) {
    if (byIndex.has(c.index) || taken.has(c.field)) continue;
    taken.add(c.field);
    byIndex.set(c.index, {
      index: c.index,
      header: headers[c.index]!,
      field: c.field,
      via: c.via,
      confidence: c.confidence,
    });
  }
  return headers.map(
    (header, index) => byIndex.get(index) ?? { index, header, field: null, via: 'none', confidence: 0 },
  );
}

/** Used by mappingFromProfile: keep the profile's columns, suggest only for the others. */
export function suggestForRemaining(
  headers: string[],
  rows: string[][],
  fixed: Map<number, ColumnMapping>,
  ctx?: ParseContext,
): ColumnMapping[] {
  const sample = sampleRows(rows);
  const taken = new Set<FieldName>();
  for (const m of fixed.values()) if (m.field) taken.add(m.field);
  const candidates: Candidate[] = [];
  headers.forEach((header, index) => {
    if (!fixed.has(index)) candidates.push(...candidatesFor(index, header, columnValues(sample, index), ctx));
  });
  return assign(headers, candidates, taken, fixed);
}

/**
 * The keys under which unmapped columns are kept in `extra`: the header, or
 * '电话 (2)' for the second column of that name, or '列 3' for a blank header.
 * Numbered by position among all headers, so a key does not change when
 * another column's mapping does.
 */
export function extraKeys(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    const base = h.trim() || `列 ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

interface ColumnPlan {
  index: number;
  header: string;
  field: FieldName | null;
  parse: ((raw: string) => ParseResult<unknown>) | null;
  extraKey: string;
}

/** Which field each column fills (a hand-edited mapping may name a field twice; the first column keeps it) and how it is parsed. */
function planOf(
  headers: string[],
  mapping: ColumnMapping[],
  ctx: ParseContext | undefined,
  letters?: LetterMeanings,
): ColumnPlan[] {
  const keys = extraKeys(headers);
  const fieldOf = new Map<number, FieldName>();
  const used = new Set<FieldName>();
  for (const m of mapping) {
    if (m.field && m.index < headers.length && !used.has(m.field) && !fieldOf.has(m.index)) {
      fieldOf.set(m.index, m.field);
      used.add(m.field);
    }
  }
  return headers.map((header, index) => {
    const field = fieldOf.get(index) ?? null;
    let parse = field ? parserFor(field, headerScale(header), ctx) : null;
    // The portal's grade letters are stored with the meaning the user gave them (letters.ts).
    if (parse && field === 'portalGrade' && letters) parse = withLetterMeanings(parse, letters);
    return { index, header, field, parse, extraKey: keys[index]! };
  });
}

/** The record of row `r` by `plan`; each cell that fails to parse is also handed to `failed`. */
function recordOfRow(
  plan: readonly ColumnPlan[],
  row: string[],
  r: number,
  link: string | null | undefined,
  failed?: (failure: ParseFailure) => void,
  assumed?: (col: ColumnPlan, raw: string, result: { value: unknown; assumed: Assumption }) => void,
): CapturedRecord {
  const fields: Record<string, unknown> = {};
  const extra: Record<string, string> = {};
  const invalid: Partial<Record<FieldName, string>> = {};
  for (const col of plan) {
    const raw = row[col.index];
    if (isEmptyCell(raw)) continue;
    if (!col.field) {
      // A header literally named __proto__ is a column like any other, not the prototype.
      if (col.extraKey === '__proto__')
        Object.defineProperty(extra, '__proto__', {
          value: raw!.trim(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else extra[col.extraKey] = raw!.trim();
      continue;
    }
    const result = col.parse!(raw!);
    if (result.ok) {
      fields[col.field] = result.value;
      if (result.assumed && assumed) assumed(col, raw!, result as { value: unknown; assumed: Assumption });
    } else {
      invalid[col.field] = raw!;
      failed?.({ row: r, column: col.index, header: col.header, field: col.field, raw: raw!, reason: result.reason });
    }
  }
  const record: CapturedRecord = { fields: fields as CustomerFields, extra, invalid };
  if (link) record.detailUrl = link;
  return record;
}

/**
 * Builds one CapturedRecord per row: parsed fields; unmapped columns in
 * `extra` by header; cells that fail to parse kept raw in `invalid` and
 * listed in `failures` (nothing the page showed is lost); empty cells absent;
 * rowLinks[i] as the detail URL; portal grade letters with a meaning in
 * `letters` stored with it. Cell text is data only, never interpreted.
 * `assumptions` lists, per column, each reading the parsers had to assume
 * (once, with its first example), for the preview to say so.
 */
export function applyMapping(
  headers: string[],
  rows: string[][],
  mapping: ColumnMapping[],
  rowLinks?: (string | null)[],
  ctx?: ParseContext,
  letters?: LetterMeanings,
): { records: CapturedRecord[]; failures: ParseFailure[]; assumptions: ColumnAssumption[] } {
  const plan = planOf(headers, mapping, ctx, letters);
  const records: CapturedRecord[] = new Array(rows.length);
  const failures: ParseFailure[] = [];
  const assumptions: ColumnAssumption[] = [];
  const seen = new Set<string>();
  const failed = (failure: ParseFailure) => failures.push(failure);
  const assumed = (col: ColumnPlan, raw: string, result: { value: unknown; assumed: Assumption }) => {
    const key = col.index + ':' + result.assumed;
    if (seen.has(key)) return;
    seen.add(key);
    assumptions.push({
      column: col.index,
      header: col.header,
      field: col.field!,
      assumed: result.assumed,
      raw,
      value: result.value,
    });
  };
  for (let r = 0; r < rows.length; r++) records[r] = recordOfRow(plan, rows[r]!, r, rowLinks?.[r], failed, assumed);
  return { records, failures, assumptions };
}

/**
 * The records of a table made on demand, the same as applyMapping makes them:
 * a row's identity alone (the identity fields and the detail link), cheaply,
 * for every row first; its whole record when its turn comes. A capture of
 * 10,000 rows then maps them while IndexedDB writes the rows before.
 */
export function recordSource(
  headers: string[],
  rows: string[][],
  mapping: ColumnMapping[],
  rowLinks?: (string | null)[],
  ctx?: ParseContext,
  letters?: LetterMeanings,
): RecordSource {
  const plan = planOf(headers, mapping, ctx, letters);
  const identityPlan = plan.filter(
    (col) => col.field !== null && (IDENTITY_FIELDS as readonly FieldName[]).includes(col.field),
  );
  return {
    count: rows.length,
    identityOf: (r) => recordOfRow(identityPlan, rows[r]!, r, rowLinks?.[r]),
    recordOf: (r) => recordOfRow(plan, rows[r]!, r, rowLinks?.[r]),
  };
}
