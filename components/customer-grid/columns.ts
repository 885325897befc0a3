// The grid's columns (docs/workbench.md#the-grid): every canonical field of lib/customer.ts and
// every grading standard of the registry, each with the ag-grid community
// filter of its kind. Cells are formatted with valueFormatter (no React per
// cell). Grade cells show the stored grading (GradeSummary of lib/grading's
// run API) in its words (gradeLabels); only a grade's reason is worked out,
// when its cell is hovered.
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { localDateOf } from '@/lib/calendar';
import { FIELDS, FIELD_NAMES, displayValue, type FieldName } from '@/lib/customer';
import type { StoredCustomer } from '@/lib/db';
import { gradeLabels, STANDARDS, type IntentParams, type StandardId, type StandardInfo } from '@/lib/grading';
import { pick, type Locale } from '@/lib/i18n';
import { formatStoredDate, maskIdNumber, maskPhone } from '@/lib/views';
import { GradeBadge } from './GradeBadge';
import { MESSAGES, STANDARD_HEADERS } from './messages';

export const gradeColumnId = (standard: StandardId): string => `grades.${standard}`;

/** The grade words of the rule set in use, for the workbench's grade picks (lib/grading gradeLabels). */
export const gradeLabelsFor = gradeLabels;

/** Grade id -> its place in the standard's list (the registry lists grades from most to least urgent or valuable). */
const GRADE_RANKS: ReadonlyMap<StandardId, ReadonlyMap<string, number>> = new Map(
  STANDARDS.map((s) => [s.id, new Map([...gradeLabels(s.id).keys()].map((grade, i) => [grade, i]))]),
);

export interface ColumnOptions {
  locale: Locale;
  /** Whether phone and ID numbers show whole (read at format time, so a toggle only refreshes cells). */
  revealed(): boolean;
  /** The reason of one customer's grade by one standard, in the user's language; undefined when none. */
  reasonOf(customer: StoredCustomer, standard: StandardId): string | undefined;
  /** The intent standard of the rule set in use: its grades' words (gradeLabelsFor). */
  intent?: IntentParams;
}

const NUMBER_KINDS = new Set(['money', 'mileage', 'int']);
const ENUM_KINDS = new Set(['stage', 'gender', 'vehicleUse']);

function intlLocale(locale: Locale): string {
  if (locale === 'zh') return 'zh-CN';
  const nav = globalThis.navigator?.language;
  return nav?.startsWith('en') ? nav : 'en-GB';
}

/**
 * The date filter's comparator for stored date text: the filter gives a local
 * midnight, the cell 'YYYY-MM-DD[THH:mm]'; compared as day text, no Date per row.
 */
function compareStoredDay(filterDate: Date, cell: unknown): number {
  if (typeof cell !== 'string' || cell.length < 10) return -1;
  const day = cell.slice(0, 10);
  const f = localDateOf(filterDate);
  return day < f ? -1 : day > f ? 1 : 0;
}

export function buildColumnDefs(options: ColumnOptions): ColDef<StoredCustomer>[] {
  const { locale } = options;
  const dateFormat = new Intl.DateTimeFormat(intlLocale(locale), { year: 'numeric', month: '2-digit', day: '2-digit' });
  const dateTimeFormat = new Intl.DateTimeFormat(intlLocale(locale), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const numberFormat = new Intl.NumberFormat(intlLocale(locale));
  const formatDate = (p: ValueFormatterParams<StoredCustomer>) =>
    typeof p.value === 'string' ? formatStoredDate(p.value, dateFormat, dateTimeFormat) : '';
  const dateColumn = (field: string, headerName: string): ColDef<StoredCustomer> => ({
    colId: field,
    field: field as ColDef<StoredCustomer>['field'],
    headerName,
    width: 120,
    filter: 'agDateColumnFilter',
    filterParams: { comparator: compareStoredDay },
    valueFormatter: formatDate,
  });

  const fieldColumn = (name: FieldName): ColDef<StoredCustomer> => {
    const def = FIELDS[name];
    const headerName = pick(def, locale);
    if (def.kind === 'date') return dateColumn(name, headerName);
    const col: ColDef<StoredCustomer> = { colId: name, field: name, headerName, filter: 'agTextColumnFilter' };
    if (NUMBER_KINDS.has(def.kind)) {
      col.filter = 'agNumberColumnFilter';
      col.type = 'numericColumn';
      col.width = 120;
      col.valueFormatter = (p) => (typeof p.value === 'number' ? numberFormat.format(p.value) : '');
    } else if (ENUM_KINDS.has(def.kind)) {
      col.width = 120;
      col.valueFormatter = (p) => (p.value ? displayValue(p.value, locale) : '');
      // Filter on the label a person reads ('保有客户'), not the stored id ('owner').
      col.filterValueGetter = (p) => {
        const v = p.data?.[name];
        return v ? displayValue(v, locale) : '';
      };
    } else if (def.kind === 'phone') {
      col.width = 130;
      col.valueFormatter = (p) =>
        typeof p.value === 'string' && !options.revealed() ? maskPhone(p.value) : (p.value ?? '');
    } else if (def.kind === 'idNumber') {
      col.width = 180;
      col.valueFormatter = (p) =>
        typeof p.value === 'string' && !options.revealed() ? maskIdNumber(p.value) : (p.value ?? '');
    } else if (name === 'vin') {
      col.width = 180;
    } else if (name === 'notes' || name === 'address') {
      col.width = 220;
    }
    if (name === 'name') {
      col.pinned = 'left';
      col.lockPinned = true;
      col.width = 110;
    }
    return col;
  };

  const gradeColumn = (standard: StandardInfo): ColDef<StoredCustomer> => {
    const labels = gradeLabels(standard.id, options.intent);
    const rank =
      standard.id === 'intent' && options.intent
        ? new Map([...labels.keys()].map((grade, i) => [grade, i]))
        : GRADE_RANKS.get(standard.id)!;
    return {
      colId: gradeColumnId(standard.id),
      field: gradeColumnId(standard.id) as ColDef<StoredCustomer>['field'],
      headerName: pick(STANDARD_HEADERS[standard.id], locale),
      headerTooltip: pick(standard.name, locale),
      width: standard.id === 'intent' ? 118 : 100,
      // In the standard's own order (H before A before B ...), not the alphabet's.
      comparator: (a: string | undefined, b: string | undefined) =>
        (a === undefined ? 99 : (rank.get(a) ?? 50)) - (b === undefined ? 99 : (rank.get(b) ?? 50)),
      filter: 'agTextColumnFilter',
      filterValueGetter: (p) => {
        const g = p.data?.grades?.[standard.id];
        return g === undefined ? '' : pick(labels.get(g) ?? { zh: g, en: g }, locale);
      },
      valueFormatter: (p) =>
        typeof p.value === 'string' ? pick(labels.get(p.value) ?? { zh: p.value, en: p.value }, locale) : '',
      cellRenderer: GradeBadge,
      // Computed when the cell is hovered, for that one customer (grading all rows up front would cost a full run).
      tooltipValueGetter: (p) =>
        p.data && p.data.grades?.[standard.id] !== undefined ? options.reasonOf(p.data, standard.id) : undefined,
    };
  };

  const fields = FIELD_NAMES.map(fieldColumn);
  const nameFirst = [fields.find((c) => c.colId === 'name')!, ...fields.filter((c) => c.colId !== 'name')];
  return [
    nameFirst[0]!,
    ...STANDARDS.map(gradeColumn),
    dateColumn('grades.nextDueAt', pick(MESSAGES.nextDueAt, locale)),
    {
      colId: 'grades.overdueDays',
      field: 'grades.overdueDays' as ColDef<StoredCustomer>['field'],
      headerName: pick(MESSAGES.overdueDays, locale),
      width: 100,
      filter: 'agNumberColumnFilter',
      type: 'numericColumn',
    },
    dateColumn('grades.serviceDueAt', pick(MESSAGES.serviceDueAt, locale)),
    ...nameFirst.slice(1),
  ];
}
