// What the preview had to assume to read the values (a two-digit year as
// y/m/d 20xx, a date without a year, 昨天 from the capture day), and, when the
// portal masks mobiles, which identity keys its customers instead.
import { FIELDS, displayValue } from '@/lib/customer';
import { ASSUMPTIONS, type ColumnAssumption, type ColumnMapping } from '@/lib/mapping';
import { portalIdFromDetailUrl } from '@/lib/db';
import type { StagedTable } from '@/lib/capture';

/** The identity a capture keys customers by when mobiles are masked, in the order lib/db identity tries them. */
function identityInstead(table: StagedTable, mapping: ColumnMapping[]): { zh: string; en: string } {
  const vin = mapping.find((m) => m.field === 'vin');
  const portalId = mapping.find((m) => m.field === 'portalId');
  const parts: { zh: string; en: string }[] = [];
  if (vin) parts.push({ zh: `车架号（「${vin.header}」列）`, en: `the VIN (column "${vin.header}")` });
  if (portalId)
    parts.push({ zh: `客户编号（「${portalId.header}」列）`, en: `the customer no. (column "${portalId.header}")` });
  else {
    const link = table.rowLinks.find((l) => l && portalIdFromDetailUrl(absolute(l, table.pageUrl)));
    if (link) {
      const id = portalIdFromDetailUrl(absolute(link, table.pageUrl))!;
      parts.push({
        zh: `详情链接中的客户编号（如 ${id}）`,
        en: `the customer no. in each row's detail link (e.g. ${id})`,
      });
    }
  }
  if (parts.length === 0) {
    return {
      zh: '没有客户编号或车架号：这些行将被拒绝，请把客户编号列映射为“客户编号”',
      en: 'no customer no. or VIN: these rows will be rejected; map the customer number column as Customer no.',
    };
  }
  return { zh: parts.map((p) => p.zh).join('，其次'), en: parts.map((p) => p.en).join(', then ') };
}

function absolute(link: string, base: string): string {
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

export function ReadingNotes(props: { assumptions: ColumnAssumption[]; table: StagedTable; mapping: ColumnMapping[] }) {
  const { assumptions } = props;
  if (assumptions.length === 0) return null;
  const masked = assumptions.find((a) => a.assumed === 'masked');
  const dates = assumptions.filter((a) => a.assumed !== 'masked');
  const instead = masked ? identityInstead(props.table, props.mapping) : null;
  return (
    <section className="reading" aria-label="读取说明 / How values were read">
      {masked && instead && (
        <p className="note masked" role="note">
          此系统遮挡了手机号（如 {masked.raw.trim()}
          ）：手机号按显示的样子保存，不用来识别客户（两位客户可能显示相同）；改用{instead.zh}识别客户。
          <span className="en">
            This portal masks mobiles (e.g. {masked.raw.trim()}): they are kept as shown but never identify a customer
            (two customers may show the same); customers are identified by {instead.en}.
          </span>
        </p>
      )}
      {dates.length > 0 && (
        <ul className="assumed">
          {dates.map((a) => (
            <li key={`${a.column}:${a.assumed}`}>
              「{a.header || `第 ${a.column + 1} 列`}」→ {FIELDS[a.field].zh}：{ASSUMPTIONS[a.assumed]}（{a.raw.trim()}{' '}
              → {displayValue(a.value)}）
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
