// The file import page (docs/capture.md#file-import): pick a file, read it (a progress
// bar for the bytes, then an elapsed-time bar while the workbook is parsed in
// a worker), show any error in both languages, let the user pick the sheet
// when several can be imported, show what the reader chose (header row, rows
// left out, notes), then stage the table exactly as a page capture is staged
// and hand over to the capture preview for mapping and commit, so profiles by
// header signature, parse failures, upsert, batch and undo are the same.
// The commit runs in the background and reports no progress: the page shows
// an indeterminate bar with the elapsed time until the batch comes back.
import { useEffect, useRef, useState } from 'react';
import { useLocale } from '@/components/i18n/LocaleContext';
import { CapturePreview } from '@/components/capture-preview/CapturePreview';
import { packTable, type BatchReport, type StagedTable } from '@/lib/capture';
import { send } from '@/lib/extension';
import { toStagedTable, type ReadWorkbook, type SheetsError } from '@/lib/sheets';
import { MESSAGES } from './messages';
import { parseInWorker, readBytes } from './readFile';

export interface SheetImportProps {
  /** Stages a table in the background; the capture messages unless a test passes its own. */
  stage?: (table: StagedTable) => Promise<{ id: string }>;
}

const defaultStage = (table: StagedTable) => send('capture:stage', packTable(table));

type Phase =
  | { kind: 'pick' }
  | { kind: 'reading'; loaded: number; total: number }
  | { kind: 'parsing'; since: number }
  | { kind: 'error'; error: SheetsError | string }
  | { kind: 'chosen'; workbook: ReadWorkbook; sheet: number; dropDamaged: boolean }
  | { kind: 'staging' }
  | { kind: 'preview'; stagedId: string }
  | { kind: 'done'; batch: BatchReport; undone?: string };

const kb = (n: number): string => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

function useElapsed(since: number | null): number {
  const [, tick] = useState(0);
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.floor((Date.now() - since) / 1000);
}

export function SheetImport({ stage = defaultStage }: SheetImportProps) {
  const { tt } = useLocale();
  const [phase, setPhase] = useState<Phase>({ kind: 'pick' });
  const [committingSince, setCommittingSince] = useState<number | null>(null);
  const parsingSeconds = useElapsed(phase.kind === 'parsing' ? phase.since : null);
  const commitSeconds = useElapsed(committingSince);
  const input = useRef<HTMLInputElement>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setPhase({ kind: 'reading', loaded: 0, total: file.size });
    try {
      const bytes = await readBytes(file, (loaded, total) => setPhase({ kind: 'reading', loaded, total }));
      setPhase({ kind: 'parsing', since: Date.now() });
      const result = await parseInWorker(bytes, file.name);
      if (!result.ok) setPhase({ kind: 'error', error: result.error });
      else
        setPhase({
          kind: 'chosen',
          workbook: result.workbook,
          sheet: result.workbook.defaultSheet,
          dropDamaged: false,
        });
    } catch (e) {
      setPhase({ kind: 'error', error: e instanceof Error ? e.message : String(e) });
    } finally {
      // The browser fires no change for the file already chosen: cleared, the same file can be picked again.
      if (input.current) input.current.value = '';
    }
  };

  const next = async (workbook: ReadWorkbook, sheet: number, dropDamaged: boolean) => {
    setPhase({ kind: 'staging' });
    try {
      const { id } = await stage(toStagedTable(workbook, sheet, { dropDamaged }));
      setPhase({ kind: 'preview', stagedId: id });
    } catch (e) {
      setPhase({ kind: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  };

  const undo = async (batch: BatchReport) => {
    try {
      const r = await send('capture:undo', { batchId: batch.id });
      setPhase({
        kind: 'done',
        batch,
        undone: r.ok ? tt(MESSAGES.undone, { restored: r.restored, removed: r.removed }) : r.reason,
      });
    } catch (e) {
      setPhase({ kind: 'done', batch, undone: e instanceof Error ? e.message : String(e) });
    }
  };

  const picker = (
    <label className="file-button">
      {tt(phase.kind === 'pick' ? MESSAGES.pick : MESSAGES.another)}
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xls,.csv,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
        onChange={(e) => void pick(e.target.files?.[0])}
      />
    </label>
  );

  if (phase.kind === 'preview') {
    return (
      <div
        className="sheet-import-preview"
        onClickCapture={(e) => {
          // The preview's confirm button starts the background commit: time it.
          if ((e.target as HTMLElement).closest('button.primary')) setCommittingSince(Date.now());
        }}
      >
        {committingSince !== null && (
          <div className="progress" role="progressbar" aria-label={tt(MESSAGES.committing, { seconds: commitSeconds })}>
            <div className="bar indeterminate" />
            <span>{tt(MESSAGES.committing, { seconds: commitSeconds })}</span>
          </div>
        )}
        <CapturePreview
          stagedId={phase.stagedId}
          embedded
          onDone={(message) => {
            setCommittingSince(null);
            if (message.type === 'committed') setPhase({ kind: 'done', batch: message.batch });
            else setPhase({ kind: 'pick' });
          }}
        />
      </div>
    );
  }

  return (
    <main className="sheet-import">
      <h1>{tt(MESSAGES.title)}</h1>
      <p className="hint">{tt(MESSAGES.intro)}</p>
      <div className="row">
        {phase.kind !== 'reading' && phase.kind !== 'parsing' && phase.kind !== 'staging' && picker}
      </div>

      {phase.kind === 'reading' && (
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={phase.total}
          aria-valuenow={phase.loaded}
        >
          <div
            className="bar"
            style={{ width: `${phase.total ? Math.round((phase.loaded / phase.total) * 100) : 0}%` }}
          />
          <span>{tt(MESSAGES.readingFile, { loaded: kb(phase.loaded), total: kb(phase.total) })}</span>
        </div>
      )}
      {phase.kind === 'parsing' && (
        <div className="progress" role="progressbar">
          <div className="bar indeterminate" />
          <span>{tt(MESSAGES.parsing, { seconds: parsingSeconds })}</span>
        </div>
      )}
      {phase.kind === 'staging' && (
        <div className="progress" role="progressbar">
          <div className="bar indeterminate" />
          <span>{tt(MESSAGES.staging)}</span>
        </div>
      )}
      {phase.kind === 'error' && (
        <div className="note error" role="alert">
          {typeof phase.error === 'string' ? (
            tt(MESSAGES.failed, { error: phase.error })
          ) : (
            <>
              <p>{phase.error.message.zh}</p>
              <p className="en">{phase.error.message.en}</p>
            </>
          )}
        </div>
      )}
      {phase.kind === 'chosen' && (
        <Chosen
          workbook={phase.workbook}
          sheet={phase.sheet}
          dropDamaged={phase.dropDamaged}
          onSheet={(sheet) => setPhase({ ...phase, sheet })}
          onDropDamaged={(dropDamaged) => setPhase({ ...phase, dropDamaged })}
          onNext={() => void next(phase.workbook, phase.sheet, phase.dropDamaged)}
        />
      )}
      {phase.kind === 'done' && (
        <div className="result-box">
          <p className="result" role="status">
            {tt(MESSAGES.done, {
              new: phase.batch.counts.new,
              updated: phase.batch.counts.updated,
              unchanged: phase.batch.counts.unchanged,
              rejected: phase.batch.counts.rejected,
            })}
          </p>
          {phase.undone ? (
            <p>{phase.undone}</p>
          ) : (
            <button type="button" onClick={() => void undo(phase.batch)}>
              {tt(MESSAGES.undo)}
            </button>
          )}
        </div>
      )}
    </main>
  );
}

interface ChosenProps {
  workbook: ReadWorkbook;
  sheet: number;
  dropDamaged: boolean;
  onSheet: (sheet: number) => void;
  onDropDamaged: (drop: boolean) => void;
  onNext: () => void;
}

/** Rows listed at most, of those holding undecodable characters. */
const DAMAGED_SHOWN = 20;

/** A cell's text with each U+FFFD marked, so the user sees where the file's bytes could not be read. */
function withMarks(text: string) {
  const parts = text.split('\ufffd');
  return parts.flatMap((part, i) =>
    i === 0
      ? [part]
      : [
          <mark key={i} className="undecodable">
            {'\ufffd'}
          </mark>,
          part,
        ],
  );
}

function Chosen({ workbook, sheet, dropDamaged, onSheet, onDropDamaged, onNext }: ChosenProps) {
  const { t, tt } = useLocale();
  const chosen = workbook.sheets[sheet]!;
  const table = chosen.table;
  const damaged = table ? chosen.damagedRows : [];
  return (
    <section className="chosen" aria-label={tt(MESSAGES.chosen)}>
      {workbook.chooseSheet && (
        <fieldset className="sheets">
          <legend>{tt(MESSAGES.chooseSheet)}</legend>
          {workbook.sheets.map((s) => (
            <label key={s.index} className={s.table ? '' : 'disabled'}>
              <input
                type="radio"
                name="sheet"
                disabled={!s.table}
                checked={s.index === sheet}
                onChange={() => onSheet(s.index)}
              />
              {s.name} {s.hidden ? tt(MESSAGES.sheetHidden) : ''} ·{' '}
              {s.table ? tt(MESSAGES.sheetRows, { rows: s.table.rows.length }) : tt(MESSAGES.sheetProblem)}
            </label>
          ))}
        </fieldset>
      )}
      <h2>
        {tt(MESSAGES.chosen)} · {tt(MESSAGES.sheet)} “{chosen.name}”
      </h2>
      {table ? (
        <>
          <ul className="notes">
            <li>
              {tt(MESSAGES.headerAt, {
                row: table.headerRowIndex + 1,
                count: table.headerRowCount,
                range: table.dataRange,
              })}
            </li>
            <li>{tt(MESSAGES.dataRows, { rows: table.rows.length, columns: table.headers.length })}</li>
            {workbook.encoding && <li>{tt(MESSAGES.encoding, { encoding: workbook.encoding.toUpperCase() })}</li>}
            {table.notes.map((n, i) => (
              <li key={i}>{tt(n.text)}</li>
            ))}
          </ul>
          {chosen.refusedRows.length > 0 && (
            <div className="note error refused" role="alert">
              <p>{tt(MESSAGES.refused, { count: chosen.refusedRows.length })}</p>
              <ul>
                {chosen.refusedRows.map((r) => (
                  <li key={r.row} data-row={r.row}>
                    {t(MESSAGES.refusedRow, { row: r.row })}
                    {t(r.reason)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {damaged.length > 0 && (
            <section className="damaged" aria-label={tt(MESSAGES.damagedTitle, { count: damaged.length })}>
              <p className="note warning">
                {tt(MESSAGES.damaged, {
                  count: damaged.length,
                  bytes: workbook.invalidBytes,
                  encoding: (workbook.encoding ?? '').toUpperCase(),
                })}
              </p>
              <table className="damaged-rows">
                <tbody>
                  {damaged.slice(0, DAMAGED_SHOWN).map((i) => (
                    <tr key={i} data-row={table!.rowIndexes[i]! + 1}>
                      <th>{tt(MESSAGES.rowNumber, { row: table!.rowIndexes[i]! + 1 })}</th>
                      {table!.rows[i]!.map((c, j) => (
                        <td key={j}>{withMarks(c)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              {damaged.length > DAMAGED_SHOWN && (
                <p className="hint">{tt(MESSAGES.damagedMore, { count: damaged.length - DAMAGED_SHOWN })}</p>
              )}
              <fieldset>
                <label>
                  <input type="radio" name="damaged" checked={!dropDamaged} onChange={() => onDropDamaged(false)} />{' '}
                  {tt(MESSAGES.keepDamaged)}
                </label>
                <label>
                  <input type="radio" name="damaged" checked={dropDamaged} onChange={() => onDropDamaged(true)} />{' '}
                  {tt(MESSAGES.dropDamaged, { count: damaged.length })}
                </label>
              </fieldset>
            </section>
          )}
          <div className="scroll">
            <table className="headers">
              <thead>
                <tr>
                  {table.headers.map((h, i) => (
                    <th key={i}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.slice(0, 3).map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) => (
                      <td key={j}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="primary" onClick={onNext}>
            {tt(MESSAGES.next)}
          </button>
        </>
      ) : (
        chosen.problem && (
          <div className="note error" role="alert">
            <p>{chosen.problem.message.zh}</p>
            <p className="en">{chosen.problem.message.en}</p>
          </div>
        )
      )}
    </section>
  );
}
