// The capture preview dialog (docs/capture.md#staging-preview-commit-and-undo): the first rows as they will be
// stored, the mapping per column (editable), the values that fail to parse
// (highlighted, kept as raw text), and the rows that would be refused.
import { useEffect, useMemo, useState } from 'react';
import { FIELDS, FIELD_NAMES, displayValue, type FieldName, type CapturedRecord } from '@/lib/customer';
import type { ColumnMapping } from '@/lib/mapping';
import { useLetterChoices } from './useLetterChoices';
import { LetterMeanings } from './LetterMeanings';
import {
  unpackTable,
  type BatchReport,
  checkCapture,
  withUser,
  type CapturePreview as Preview,
  type UserMapping,
} from '@/lib/capture';
import { send, requestPortalPermission } from '@/lib/extension';
import { ExtraColumns, useExtraColumns } from './ExtraColumns';
import { ReadingNotes } from './ReadingNotes';

const PREVIEW_ROWS = 20;
/** Stands in for the table while the preview loads: hooks run on every render. */
const NO_TABLE: Preview['table'] = { pageUrl: '', pageTitle: '', frame: null, headers: [], rows: [], rowLinks: [] };
/** The service worker sleeps after 30 s without events; the staged table lives in its memory. */
const KEEPALIVE_MS = 20_000;

type Done = { type: 'close' } | { type: 'committed'; batch: BatchReport };

export function CapturePreview(props: { stagedId: string; embedded: boolean; onDone: (message: Done) => void }) {
  const [preview, setPreview] = useState<Preview | null | undefined>(undefined);
  const [user, setUser] = useState<UserMapping>([]);
  const [keepProfile, setKeepProfile] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [batch, setBatch] = useState<BatchReport | null>(null);

  useEffect(() => {
    send('capture:preview', { id: props.stagedId }).then(
      (wire) => setPreview(wire && { ...wire, table: unpackTable(wire.table) }),
      (e: unknown) => {
        setError(String(e instanceof Error ? e.message : e));
        setPreview(null);
      },
    );
    const timer = setInterval(() => void send('ping', {}).catch(() => undefined), KEEPALIVE_MS);
    return () => clearInterval(timer);
  }, [props.stagedId]);

  const mapping: ColumnMapping[] = useMemo(() => (preview ? withUser(preview.mapping, user) : []), [preview, user]);
  const letters = useLetterChoices(preview ?? null, mapping);
  const check = useMemo(
    () => (preview ? checkCapture(preview.table, mapping, letters.final) : null),
    [preview, mapping, letters.final],
  );
  const extraColumns = useExtraColumns(preview?.table ?? NO_TABLE, mapping);

  if (preview === undefined)
    return (
      <main className="cp">
        <p>正在载入… / Loading…</p>
      </main>
    );
  if (preview === null || !check) {
    return (
      <main className="cp">
        <p className="note error">
          {error ?? '这次抓取已过期，请回到页面重新抓取。'}
          <span className="en">This capture has expired: capture the page again.</span>
        </p>
        <button onClick={() => props.onDone({ type: 'close' })}>关闭 Close</button>
      </main>
    );
  }

  const { table } = preview;
  const failed = new Set(check.failures.map((f) => `${f.row}:${f.column}`));
  const failureReason = new Map(check.failures.map((f) => [`${f.row}:${f.column}`, f.reason]));
  const mapped = mapping.filter((m) => m.field !== null);
  const extras = mapping.filter((m) => m.field === null);
  const taken = new Map(mapped.map((m) => [m.field, m.index]));

  const setField = (index: number, field: FieldName | null) => {
    setUser((prev) => {
      // A field belongs to one column: choosing it here frees it elsewhere.
      const cleared = field
        ? mapping.filter((m) => m.field === field && m.index !== index).map((m) => ({ index: m.index, field: null }))
        : [];
      const rest = prev.filter((u) => u.index !== index && !cleared.some((c) => c.index === u.index));
      return [...rest, ...cleared, { index, field }];
    });
  };

  const commit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await send('capture:commit', {
        id: preview.id,
        mapping: mapping.map((m) => ({ index: m.index, field: m.field })),
        letters: letters.final,
        saveProfile: keepProfile,
      });
      setBatch(result);
      if (props.embedded) props.onDone({ type: 'committed', batch: result });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (batch) {
    const c = batch.counts;
    return (
      <main className="cp">
        <h1>已导入 / Captured</h1>
        <p className="result">
          新增 {c.new} · 更新 {c.updated} · 未变 {c.unchanged} · 拒绝 {c.rejected}
        </p>
        <p className="en">
          {c.new} new · {c.updated} updated · {c.unchanged} unchanged · {c.rejected} rejected
        </p>
        {batch.invisibleCells ? (
          <p className="note" data-testid="invisible-cells">
            已去除 {batch.invisibleCells} 个单元格中看不见的字符（零宽字符、文字方向控制符） / Removed invisible
            characters (zero-width, text-direction controls) from {batch.invisibleCells} cells
          </p>
        ) : null}
      </main>
    );
  }

  const rows = check.records.slice(0, PREVIEW_ROWS);
  const invalidCells = check.failures.length;
  return (
    <main className="cp">
      <header className="cp-head">
        <div>
          <h1>
            导入预览 <span className="en-inline">Capture preview</span>
          </h1>
          <p className="meta">
            {table.pageTitle || table.pageUrl} · {table.rows.length} 行 rows · {table.headers.length} 列 columns
            {table.frame ? ` · 框架 frame: ${table.frame}` : ''}
            {table.invisibleCells
              ? ` · 已去除 ${table.invisibleCells} 个单元格中看不见的字符 / invisible characters removed from ${table.invisibleCells} cells`
              : ''}
            {preview.profile ? ` · 站点配置 profile: ${preview.profile.name}` : ''}
          </p>
        </div>
        <button className="ghost" onClick={() => props.onDone({ type: 'close' })} aria-label="关闭 Close">
          ×
        </button>
      </header>

      <section className="summary" aria-label="检查结果 / Check">
        <span className="pill">{check.customers} 位客户 customers</span>
        <span className={invalidCells ? 'pill warn' : 'pill'}>
          {invalidCells} 个值无法解析（保留原文）/ values kept as raw text
        </span>
        <span className={extraColumns.some((e) => e.looks) ? 'pill warn' : 'pill'}>
          {extraColumns.length} 列作为附加列保留 / columns kept as extra
          {extraColumns.some((e) => e.looks)
            ? `（${extraColumns.filter((e) => e.looks).length} 列可映射 / may be mapped）`
            : ''}
        </span>
        <span className={check.unidentified.length ? 'pill error' : 'pill'}>
          {check.unidentified.length} 行缺少手机号、车架号或客户编号，将被拒绝 / rows without mobile, VIN or customer
          no. will be rejected
        </span>
      </section>

      <ReadingNotes assumptions={check.assumptions} table={table} mapping={mapping} />
      <ExtraColumns
        extras={extraColumns}
        table={table}
        taken={new Set(taken.keys() as Iterable<FieldName>)}
        onMap={setField}
      />

      <h2>
        列映射 <span className="en-inline">Column mapping</span>
      </h2>
      <div className="scroll">
        <table className="mapping">
          <thead>
            <tr>
              <th>页面列 Page column</th>
              <th>示例 Sample</th>
              <th>存为 Stored as</th>
              <th>依据 Matched by</th>
            </tr>
          </thead>
          <tbody>
            {mapping.map((m) => (
              <tr key={m.index} className={m.field === null ? 'extra' : undefined}>
                <td>
                  {m.field === null && (
                    <span className="marker" title="附加列 / extra column">
                      ＋
                    </span>
                  )}
                  {m.header || `(第 ${m.index + 1} 列)`}
                </td>
                <td className="sample">
                  {table.rows
                    .slice(0, 3)
                    .map((r) => r[m.index] ?? '')
                    .filter(Boolean)
                    .join(' | ')}
                </td>
                <td>
                  <select
                    aria-label={`映射 ${m.header}`}
                    value={m.field ?? ''}
                    onChange={(e) => setField(m.index, (e.target.value || null) as FieldName | null)}
                  >
                    <option value="">附加列（原样保留）/ extra column</option>
                    {FIELD_NAMES.map((f) => (
                      <option key={f} value={f}>
                        {FIELDS[f].zh} / {FIELDS[f].en}
                        {taken.has(f) && taken.get(f) !== m.index ? ' ←' : ''}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="via">{viaLabel(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <LetterMeanings guesses={letters.guesses} choices={letters.choices} onChange={letters.choose} />

      <h2>
        前 {rows.length} 行（将这样保存）<span className="en-inline">First rows as they will be stored</span>
      </h2>
      <div className="scroll">
        <table className="rows">
          <thead>
            <tr>
              <th>#</th>
              {mapped.map((m) => (
                <th key={m.index}>{FIELDS[m.field as FieldName].zh}</th>
              ))}
              {extras.map((m) => (
                <th key={m.index} className="extra">
                  {m.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((record, row) => (
              <tr key={row} className={check.unidentified.includes(row) ? 'refused' : ''}>
                <td>{row + 1}</td>
                {mapped.map((m) => {
                  const key = `${row}:${m.index}`;
                  return failed.has(key) ? (
                    <td key={m.index} className="invalid" title={failureReason.get(key)}>
                      {table.rows[row]?.[m.index]}
                    </td>
                  ) : (
                    <td key={m.index}>{display(record, m.field!)}</td>
                  );
                })}
                {extras.map((m) => (
                  <td key={m.index} className="extra">
                    {table.rows[row]?.[m.index]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {error && (
        <p className="note error" role="alert">
          {error}
        </p>
      )}
      <footer className="cp-foot">
        <label>
          <input type="checkbox" checked={keepProfile} onChange={(e) => setKeepProfile(e.target.checked)} />
          保存为站点配置，下次自动套用 / Save as a site profile and apply it next time
        </label>
        <span className="grow" />
        <button className="ghost" onClick={() => void enablePortal(table.pageUrl)}>
          在此系统上始终启用 / Always enable on this portal
        </button>
        <button className="ghost" onClick={() => props.onDone({ type: 'close' })}>
          取消 Cancel
        </button>
        <button className="primary" disabled={busy} onClick={() => void commit()}>
          {busy ? '正在导入… Capturing…' : `确认导入 ${table.rows.length} 行 / Capture ${table.rows.length} rows`}
        </button>
      </footer>
    </main>
  );
}

async function enablePortal(pageUrl: string): Promise<void> {
  if (await requestPortalPermission(pageUrl)) await send('portal:enable', { origin: pageUrl });
}

function viaLabel(m: ColumnMapping): string {
  switch (m.via) {
    case 'profile':
      return '站点配置 profile';
    case 'header':
      return `表头 header ${Math.round(m.confidence * 100)}%`;
    case 'values':
      return `数据 values ${Math.round(m.confidence * 100)}%`;
    case 'user':
      return '手动 manual';
    default:
      return '—';
  }
}

function display(record: CapturedRecord, field: FieldName): string {
  return displayValue(record.fields[field]);
}
