// The options page's data section (docs/workbench.md#backup-and-restore): export
// the whole database as one JSON file; restore a file into this database,
// after a preview of the counts per table, merging or replacing as the user
// chooses, in one transaction (lib/db/backup.ts: nothing partial).
import { useRef, useState } from 'react';
import { useLocale } from '@/components/i18n/LocaleContext';
import {
  countCustomers,
  exportBackup,
  previewRestore,
  readBackup,
  restoreBackupWithUndo,
  undoRestore,
  type DealerLensDB,
  type RestoreMode,
  type RestorePreview,
  type RestoreUndo,
} from '@/lib/db';
import { backupFileName, binaryKind, type Backup } from '@/lib/sheets';
import { JSON_MIME, saveFile } from '@/lib/extension';
import { format } from '@/lib/i18n';
import { MESSAGES, TABLE_NAMES } from './messages';

export interface DataSettingsProps {
  db: DealerLensDB;
  now: () => Date;
  /** Saves the file; lib/extension's saveFile unless a test passes its own. */
  save?: (text: string, fileName: string, mimeType: string) => void;
}

type Pending = { backup: Backup; preview: RestorePreview; migratedFrom: number | null };
type Notice = { kind: 'info' | 'error'; text: string } | null;

export function DataSettings({ db, now, save = saveFile }: DataSettingsProps) {
  const { tt } = useLocale();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [mode, setMode] = useState<RestoreMode>('merge');
  // The last restore, to take back from this page while nothing else has changed.
  const [undo, setUndo] = useState<RestoreUndo | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const fail = (e: unknown) =>
    setNotice({ kind: 'error', text: tt(MESSAGES.failed, { error: e instanceof Error ? e.message : String(e) }) });

  const doExport = async () => {
    setBusy(tt(MESSAGES.exporting));
    setNotice(null);
    try {
      const at = now();
      const [text, customers] = await Promise.all([exportBackup(db, at), countCustomers(db)]);
      const file = backupFileName(at);
      save(text, file, JSON_MIME);
      setNotice({ kind: 'info', text: tt(MESSAGES.exported, { file, customers }) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(tt(MESSAGES.reading));
    setNotice(null);
    setPending(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // A workbook, a PDF or a photo picked by mistake is named for what it is.
      const kind = binaryKind(bytes);
      if (kind) {
        const message = kind.id === 'spreadsheet' ? MESSAGES.spreadsheetPicked : MESSAGES.notBackup;
        setNotice({
          kind: 'error',
          text: tt({ zh: format(message.zh, { kind: kind.name.zh }), en: format(message.en, { kind: kind.name.en }) }),
        });
        return;
      }
      const parsed = await readBackup(db, new TextDecoder().decode(bytes));
      if (!parsed.ok) {
        setNotice({ kind: 'error', text: tt(parsed.error.message) });
        return;
      }
      setPending({
        backup: parsed.backup,
        preview: await previewRestore(db, parsed.backup),
        migratedFrom: parsed.migratedFrom,
      });
      setMode('merge');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
      // The browser fires no change for the file already chosen: cleared, the same file can be picked again.
      if (input.current) input.current.value = '';
    }
  };

  const restore = async () => {
    if (!pending) return;
    setBusy(tt(MESSAGES.restoring));
    try {
      const result = await restoreBackupWithUndo(db, pending.backup, mode, now());
      const rows = Object.values(result.written).reduce((a, b) => a + b, 0);
      setNotice({ kind: 'info', text: tt(MESSAGES.restored, { customers: result.written.customers ?? 0, rows }) });
      setPending(null);
      setUndo(result.undo);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const takeBack = async () => {
    if (!undo) return;
    setBusy(tt(MESSAGES.undoing));
    try {
      const result = await undoRestore(db, undo);
      setUndo(null);
      setNotice(
        result.ok
          ? { kind: 'info', text: tt(MESSAGES.undone, { customers: result.result.written.customers ?? 0 }) }
          : { kind: 'error', text: result.reason },
      );
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const tables = pending ? Object.entries(pending.preview.tables) : [];
  return (
    <section className="data-settings" aria-label={tt(MESSAGES.title)}>
      <h2>{tt(MESSAGES.title)}</h2>
      <p className="hint">{tt(MESSAGES.intro)}</p>
      <div className="row">
        <button type="button" disabled={busy !== null} onClick={() => void doExport()}>
          {tt(MESSAGES.exportBackup)}
        </button>
        <label className="file-button">
          {tt(MESSAGES.pickFile)}
          <input
            ref={input}
            type="file"
            accept=".json,application/json"
            disabled={busy !== null}
            onChange={(e) => void pick(e.target.files?.[0])}
          />
        </label>
        {busy && <span role="status">{busy}</span>}
      </div>
      {notice && (
        <p className={`note ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {undo && !pending && (
        <div className="row">
          <button type="button" disabled={busy !== null} onClick={() => void takeBack()}>
            {tt(MESSAGES.undo)}
          </button>
          <span className="hint">{tt(MESSAGES.undoHint)}</span>
        </div>
      )}
      {pending && (
        <div className="restore-preview">
          {pending.migratedFrom !== null && (
            <p className="hint">{tt(MESSAGES.migrated, { from: pending.migratedFrom })}</p>
          )}
          {pending.backup.exportedAt && (
            <p className="hint">
              {tt(MESSAGES.exportedAt, { at: new Date(pending.backup.exportedAt).toLocaleString() })}
            </p>
          )}
          <table>
            <thead>
              <tr>
                <th>{tt(MESSAGES.table)}</th>
                <th>{tt(MESSAGES.inBackup)}</th>
                <th>{tt(MESSAGES.stored)}</th>
                <th>{tt(MESSAGES.mergeAdd)}</th>
                <th>{tt(MESSAGES.mergeReplace)}</th>
                <th>{tt(MESSAGES.mergeSkip)}</th>
              </tr>
            </thead>
            <tbody>
              {tables.map(([name, c]) => (
                <tr key={name} data-table={name}>
                  <td>{TABLE_NAMES[name] ? tt(TABLE_NAMES[name]) : name}</td>
                  <td>{c.backup}</td>
                  <td>{c.stored}</td>
                  <td>{c.merge.add}</td>
                  <td>{c.merge.replace}</td>
                  <td>{c.merge.skip}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pending.preview.identityConflicts > 0 && (
            <p className="hint">{tt(MESSAGES.conflicts, { count: pending.preview.identityConflicts })}</p>
          )}
          {pending.preview.unknownTables.length > 0 && (
            <p className="hint">{tt(MESSAGES.unknown, { tables: pending.preview.unknownTables.join(', ') })}</p>
          )}
          <fieldset>
            <label>
              <input type="radio" name="restore-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} />{' '}
              {tt(MESSAGES.merge)}
            </label>
            <label>
              <input
                type="radio"
                name="restore-mode"
                checked={mode === 'replace'}
                onChange={() => setMode('replace')}
              />{' '}
              {tt(MESSAGES.replace)}
            </label>
          </fieldset>
          {mode === 'replace' && (
            <p className="note error">
              {tt(MESSAGES.replaceWarning, { customers: pending.preview.tables.customers?.stored ?? 0 })}
            </p>
          )}
          <div className="row">
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void restore()}>
              {tt(MESSAGES.confirm)}
            </button>
            <button type="button" disabled={busy !== null} onClick={() => setPending(null)}>
              {tt(MESSAGES.cancel)}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
