// The columns a capture keeps as extra fields, all of them, compactly, above
// the mapping table: an unmapped 到店日期 must not hide below the fold. A column
// whose values read as dates, mobiles or money offers its fields in one click.
import { useMemo } from 'react';
import { FIELDS, FIELD_NAMES, type FieldName } from '@/lib/customer';
import { looksLike, type ColumnMapping, type LooksLike } from '@/lib/mapping';
import type { StagedTable } from '@/lib/capture';

const ASK: Record<LooksLike, { zh: string; en: string }> = {
  date: { zh: '看起来是日期，要映射吗？', en: 'looks like a date: map it?' },
  phone: { zh: '看起来是手机号，要映射吗？', en: 'looks like mobiles: map it?' },
  money: { zh: '看起来是金额，要映射吗？', en: 'looks like money: map it?' },
};

const DATE_FIELDS = FIELD_NAMES.filter((f) => FIELDS[f].kind === 'date');
const FORWARD_FIELDS: FieldName[] = ['expectedPurchaseAt', 'firstServiceDueAt'];
const FORWARD = /下次|下一次|预约|预计|计划|next|plan|expected|due/i;
// Header words that name a date field, most telling first.
const CUES: [RegExp, FieldName][] = [
  [/生日|出生|birth/i, 'birthday'],
  [/首保/, 'firstServiceDueAt'],
  [/交车|提车|交付|deliver/i, 'deliveredAt'],
  [/购车|开票|成交|购买|purchase/i, 'expectedPurchaseAt'],
  [/购车|开票|成交|购买|purchase/i, 'purchasedAt'],
  [/进站|进厂|回厂|入厂|保养|维修|service/i, 'lastServiceAt'],
  [/进站|进厂|保养|service/i, 'firstServiceDueAt'],
  [/到店|来店|进店|到访|建档|登记|创建|录入|visit|creat/i, 'firstVisitAt'],
  [/回访|跟进|联系|沟通|电访|contact|follow/i, 'lastContactAt'],
];

/**
 * The fields a column that looks like `kind` may be, free ones only (the
 * mobile column may be replaced), the likeliest first: by its header's words,
 * and for a plan (下次, 预约, 预计) the fields that look ahead.
 */
function offers(kind: LooksLike, header: string, taken: ReadonlySet<FieldName>): FieldName[] {
  if (kind === 'phone') return ['phone'];
  if (kind === 'money') return taken.has('totalSpend') ? [] : ['totalSpend'];
  const forward = FORWARD.test(header);
  const cued = CUES.filter(([re, f]) => re.test(header) && FORWARD_FIELDS.includes(f) === forward).map(([, f]) => f);
  const rest = forward ? FORWARD_FIELDS : DATE_FIELDS.filter((f) => !FORWARD_FIELDS.includes(f) && f !== 'birthday');
  const ordered = [...new Set([...cued, ...rest, ...DATE_FIELDS])];
  return ordered.filter((f) => !taken.has(f));
}

export interface ExtraColumn {
  mapping: ColumnMapping;
  looks: LooksLike | null;
}

/** The extra columns of a mapping, each with what its values look like (read once per table, for every column). */
export function useExtraColumns(table: StagedTable, mapping: ColumnMapping[]): ExtraColumn[] {
  const looks = useMemo(
    () => table.headers.map((_, i) => looksLike(table.rows, i, { capturedAt: table.capturedAt })),
    [table],
  );
  return mapping.filter((m) => m.field === null).map((m) => ({ mapping: m, looks: looks[m.index] ?? null }));
}

export function ExtraColumns(props: {
  extras: ExtraColumn[];
  table: StagedTable;
  taken: ReadonlySet<FieldName>;
  onMap: (index: number, field: FieldName) => void;
}) {
  const { extras, table } = props;
  if (extras.length === 0) return null;
  return (
    <section className="extras" aria-label="附加列 / Extra columns">
      <h2>
        附加列（原样保留，不参与分级）<span className="en-inline">Extra columns: kept as text, not graded</span>
      </h2>
      <ul>
        {extras.map(({ mapping: m, looks }) => {
          const sample = table.rows
            .slice(0, 3)
            .map((r) => r[m.index] ?? '')
            .filter(Boolean)
            .join(' | ');
          const fields = looks ? offers(looks, m.header, props.taken) : [];
          return (
            <li key={m.index} className={looks ? 'extra-col ask' : 'extra-col'} data-column={m.index}>
              <span className="marker" aria-hidden="true">
                ＋
              </span>
              <b>{m.header || `(第 ${m.index + 1} 列)`}</b>
              {sample && (
                <span className="sample" title={sample}>
                  {sample}
                </span>
              )}
              {looks && fields.length > 0 && (
                <span className="ask-map">
                  <span className="question">
                    {ASK[looks].zh} <span className="en-inline">{ASK[looks].en}</span>
                  </span>
                  <button type="button" className="map-to" onClick={() => props.onMap(m.index, fields[0]!)}>
                    {FIELDS[fields[0]!].zh} {FIELDS[fields[0]!].en}
                  </button>
                  {fields.length > 1 && (
                    <select
                      className="map-other"
                      aria-label={`其他字段 ${m.header} / other field`}
                      value=""
                      onChange={(e) => e.target.value && props.onMap(m.index, e.target.value as FieldName)}
                    >
                      <option value="">其他… / other…</option>
                      {fields.slice(1).map((f) => (
                        <option key={f} value={f}>
                          {FIELDS[f].zh} / {FIELDS[f].en}
                        </option>
                      ))}
                    </select>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
