import { describe, expect, it } from 'vitest';
import {
  captureGrader,
  commitCapture,
  directoryWritten,
  exportBackup,
  loadDirectory,
  newRuleSetId,
  previewRestore,
  readBackup,
  RESTORE_CHANGED_SINCE,
  restoreBackup,
  restoreBackupWithUndo,
  saveProfile,
  undoRestore,
  saveRuleSet,
  undoBatch,
} from '../../../lib/db';
import type { DealerLensDB } from '../../../lib/db';
import { copyRuleSet, DEFAULT_RULE_SET } from '../../../lib/grading';
import { BACKUP_FORMAT, type Backup } from '../../../lib/sheets';
import { PAGE, at, freshDatabase, row } from './helpers';

const T1 = at('2026-03-01T02:00:00Z');
const T2 = at('2026-03-02T02:00:00Z');
const T3 = at('2026-03-03T02:00:00Z');

/** Every table of the schema (the directory included), by primary key. */
async function everything(db: DealerLensDB) {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toCollection().sortBy(':id');
  return out;
}

async function withoutDirectory(db: DealerLensDB) {
  const all = await everything(db);
  delete all.identityDirectory;
  return all;
}

/** A store as a dealership's would be after a few days: captures, an edit, an undo, a rule set, a profile, follow-ups, settings. */
async function populated(): Promise<DealerLensDB> {
  const db = freshDatabase();
  const prepare = await captureGrader(db, T1);
  await commitCapture(db, {
    records: [
      row({ name: '张伟', phone: '13812345678', consultant: '李娜', stage: 'lead', expectedPurchaseAt: '2026-03-05' }),
      row({ name: '王芳', vin: 'LSVAU2180N2183294', stage: 'owner' }, { extra: { 备注: '老客户' } }),
    ],
    source: 'page',
    pageUrl: PAGE,
    now: T1,
    prepare,
  });
  await commitCapture(db, {
    records: [row({ name: '张伟', phone: '13812345678', consultant: '陈静' })],
    source: 'file',
    pageUrl: 'file:///a.xlsx',
    now: T2,
  });
  const third = await commitCapture(db, {
    records: [row({ name: '临时', phone: '13900000000' })],
    source: 'page',
    pageUrl: PAGE,
    now: T3,
  });
  await undoBatch(db, third.id, T3);
  const copy = copyRuleSet(DEFAULT_RULE_SET, newRuleSetId(), { zh: '本店标准', en: 'Our rules' });
  expect((await saveRuleSet(db, copy, T2)).ok).toBe(true);
  await saveProfile(db, {
    id: 'p1',
    name: '系统',
    origin: 'https://dms.example.com',
    pathPattern: '/crm/*',
    headerSignature: 'x',
    mapping: [],
    createdAt: T1.toISOString(),
    updatedAt: T1.toISOString(),
  });
  const zhang = (await db.customers.where('phone').equals('13812345678').first())!;
  await db.followUps.bulkPut([
    {
      id: 'f1',
      customerId: zhang.id,
      at: '2026-03-02T10:00',
      channel: 'phone',
      outcome: '有意向',
      consultant: '陈静',
      nextContactAt: '2026-03-04',
    },
    {
      id: 'f2',
      customerId: zhang.id,
      at: '2026-03-03T10:00',
      channel: 'wechat',
      outcome: '发报价',
      consultant: '陈静',
    },
  ]);
  await db.settings.put({ key: 'ui.density', value: { compact: true, columns: ['name', undefined] } });
  return db;
}

async function restored(db: DealerLensDB, text: string, mode: 'merge' | 'replace') {
  const parsed = await readBackup(db, text);
  if (!parsed.ok) throw new Error(parsed.error.message.en);
  return restoreBackup(db, parsed.backup, mode);
}

describe('backup and restore of the whole database', () => {
  it('a backup restored into an empty database gives back exactly what was saved, table by table', async () => {
    const source = await populated();
    const text = await exportBackup(source, T3);
    const target = freshDatabase();
    await restored(target, text, 'replace');
    expect(await withoutDirectory(target)).toStrictEqual(await withoutDirectory(source));
    // The directory is rebuilt: the next capture finds the restored customers by mobile and VIN.
    const directory = await target.transaction('rw', [target.customers, target.identityDirectory], () =>
      loadDirectory(target),
    );
    expect(directory.count).toBe(2);
    const batch = await commitCapture(target, {
      records: [row({ name: '张伟', phone: '13812345678' }), row({ vin: 'LSVAU2180N2183294', name: '王芳' })],
      source: 'page',
      pageUrl: PAGE,
      now: T3,
    });
    expect(batch.counts.new).toBe(0);
  });

  it('replace makes a populated database exactly the backup', async () => {
    const source = await populated();
    const text = await exportBackup(source, T3);
    const before = await withoutDirectory(source);
    await commitCapture(source, {
      records: [row({ name: '后来的', phone: '13700000000' })],
      source: 'page',
      pageUrl: PAGE,
      now: T3,
    });
    await source.followUps.put({
      id: 'f9',
      customerId: 'x',
      at: '2026-03-03',
      channel: 'sms',
      outcome: '',
      consultant: '李娜',
    });
    const result = await restored(source, text, 'replace');
    expect(result.removed.customers).toBe(3);
    expect(await withoutDirectory(source)).toStrictEqual(before);
  });

  it('merge adds what the database lacks and loses nothing stored; the preview counts it first', async () => {
    const source = await populated();
    const text = await exportBackup(source, T3);
    const target = freshDatabase();
    // The target already holds 张伟's mobile under another record (with a history of its own), and a customer of its own.
    await commitCapture(target, {
      records: [row({ name: '赵六', phone: '13600000000' }), row({ name: '张伟(本机)', phone: '13812345678' })],
      source: 'page',
      pageUrl: PAGE,
      now: T1,
    });
    await commitCapture(target, {
      records: [row({ name: '张伟(本机)', phone: '13812345678', consultant: '何晓东' })],
      source: 'page',
      pageUrl: PAGE,
      now: T2,
    });
    const parsed = await readBackup(target, text);
    if (!parsed.ok) throw new Error('unreadable');
    const preview = await previewRestore(target, parsed.backup);
    expect(preview.tables.customers).toEqual({ backup: 2, stored: 2, merge: { add: 1, replace: 0, skip: 1 } });
    expect(preview.identityConflicts).toBe(1);
    expect(preview.tables.followUps!.merge.add).toBe(2);
    expect(preview.unknownTables).toEqual([]);
    expect(await target.customers.count()).toBe(2); // a preview writes nothing

    await restoreBackup(target, parsed.backup, 'merge');
    const names = (await target.customers.toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['张伟(本机)', '王芳', '赵六'].sort());
    // 张伟's follow-ups follow the stored record that holds his mobile.
    const local = (await target.customers.where('phone').equals('13812345678').first())!;
    expect((await target.followUps.toArray()).every((f) => f.customerId === local.id)).toBe(true);
    // Both histories are kept: the backup's entry took a new id where the target's held its id.
    const history = await target.history.orderBy('id').toArray();
    expect(history.map((h) => [h.id, h.customerId, h.changes[0]!.to])).toEqual([
      [1, local.id, '何晓东'],
      [2, local.id, '陈静'],
    ]);
    expect(await target.ruleSets.count()).toBe(1);
  });

  it('a merge keeps a stored customer changed after the backup was taken', async () => {
    const db = await populated();
    const text = await exportBackup(db, T3);
    const zhang = (await db.customers.where('phone').equals('13812345678').first())!;
    await db.customers.put({ ...zhang, consultant: '何晓东', updatedAt: '2026-03-09T00:00:00.000Z' });
    await restored(db, text, 'merge');
    expect((await db.customers.get(zhang.id))!.consultant).toBe('何晓东');
  });

  it('a restore that fails part-way stores nothing', async () => {
    const source = await populated();
    const parsed = await readBackup(source, await exportBackup(source, T3));
    if (!parsed.ok) throw new Error('unreadable');
    const target = freshDatabase();
    await commitCapture(target, {
      records: [row({ name: '赵六', phone: '13600000000' })],
      source: 'page',
      pageUrl: PAGE,
      now: T1,
    });
    // The capture's key lists follow in their own transaction (saveDirectoryLater).
    await directoryWritten(target);
    const before = await everything(target);
    // A row without its primary key cannot be stored: the whole restore is refused.
    const broken: Backup = {
      ...parsed.backup,
      tables: { ...parsed.backup.tables, followUps: [...parsed.backup.tables.followUps!, { customerId: 'x' }] },
    };
    await expect(restoreBackup(target, broken, 'replace')).rejects.toThrow();
    expect(await everything(target)).toStrictEqual(before);
  });

  it('a backup taken by schema version 1 restores into the current schema', async () => {
    const source = await populated();
    const customers = await source.customers.toArray();
    const zhang = customers.find((c) => c.name === '张伟')!;
    // As version 1 wrote them: a row per created customer and a row per changed field.
    const v1 = JSON.stringify({
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: T3.toISOString(),
      schemaVersion: 1,
      tables: {
        customers,
        history: [
          {
            id: 1,
            customerId: zhang.id,
            at: T1.toISOString(),
            batchId: 'b1',
            field: '(created)',
            from: null,
            to: null,
            by: 'capture',
          },
          {
            id: 2,
            customerId: zhang.id,
            at: T2.toISOString(),
            batchId: 'b2',
            field: 'consultant',
            from: '李娜',
            to: '陈静',
            by: 'capture',
          },
        ],
        batches: await source.batches.toArray(),
        batchSnapshots: [],
        profiles: [],
        settings: [],
      },
    });
    const target = freshDatabase();
    await restored(target, v1, 'replace');
    expect(await target.customers.count()).toBe(2);
    expect(await target.history.toArray()).toEqual([
      {
        id: 2,
        customerId: zhang.id,
        at: T2.toISOString(),
        batchId: 'b2',
        by: 'capture',
        changes: [{ field: 'consultant', from: '李娜', to: '陈静' }],
      },
    ]);
    expect(await target.followUps.count()).toBe(0);
    const again = await commitCapture(target, {
      records: [row({ name: '张伟', phone: '13812345678' })],
      source: 'page',
      pageUrl: PAGE,
      now: T3,
    });
    expect(again.counts.new).toBe(0);
  });
});

describe('a restore taken back', () => {
  async function parsed(db: DealerLensDB, text: string) {
    const result = await readBackup(db, text);
    if (!result.ok) throw new Error(result.error.message.en);
    return result.backup;
  }

  it.each(['replace', 'merge'] as const)(
    'undo after a %s puts every table back as it was, and the identity directory finds its customers',
    async (mode) => {
      const other = await populated();
      await commitCapture(other, {
        records: [row({ name: '备份里的', phone: '13600000000' })],
        source: 'page',
        pageUrl: PAGE,
        now: T3,
      });
      const text = await exportBackup(other, T3);
      const db = freshDatabase();
      await commitCapture(db, {
        records: [row({ name: '本机的', phone: '13500000000' })],
        source: 'page',
        pageUrl: PAGE,
        now: T1,
      });
      const before = await withoutDirectory(db);
      const result = await restoreBackupWithUndo(db, await parsed(db, text), mode, T3);
      expect(await db.customers.count()).toBe(mode === 'replace' ? 3 : 4);
      const undone = await undoRestore(db, result.undo);
      expect(undone.ok).toBe(true);
      expect(await withoutDirectory(db)).toStrictEqual(before);
      // The directory follows: a capture of the customer that was there finds it, and only it.
      const again = await commitCapture(db, {
        records: [row({ name: '本机的', phone: '13500000000' }), row({ name: '备份里的', phone: '13600000000' })],
        source: 'page',
        pageUrl: PAGE,
        now: T3,
      });
      expect(again.counts.new).toBe(1);
    },
  );

  it('refuses when the data changed after the restore, and changes nothing', async () => {
    const text = await exportBackup(await populated(), T3);
    const db = freshDatabase();
    const result = await restoreBackupWithUndo(db, await parsed(db, text), 'replace', T3);
    await db.followUps.put({
      id: 'later',
      customerId: 'x',
      at: '2026-03-04',
      channel: 'sms',
      outcome: '',
      consultant: '李娜',
    });
    const now = await everything(db);
    expect(await undoRestore(db, result.undo)).toEqual({ ok: false, reason: RESTORE_CHANGED_SINCE });
    expect(await everything(db)).toStrictEqual(now);
  });
});
