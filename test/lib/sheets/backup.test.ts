import { describe, expect, it } from 'vitest';
import { backupFileName, BACKUP_FORMAT, parseBackup, serializeBackup } from '../../../lib/sheets';

const NOW = new Date(2026, 10, 23, 9, 0);

describe('the backup file (serialize / parse)', () => {
  it('gives back exactly the rows saved, values JSON cannot hold included (undefined, NaN, Infinity, dates)', () => {
    const tables = {
      customers: [{ id: 'c1', name: '张伟', totalSpend: 1200.5, extra: { 备注: '=1+1' }, tags: ['VIP'] }],
      history: [
        {
          id: 1,
          customerId: 'c1',
          changes: [
            { field: 'phone', from: undefined, to: '13800138000' },
            { field: 'mileageKm', from: NaN, to: Infinity },
          ],
        },
      ],
      settings: [
        { key: 'when', value: new Date(Date.UTC(2026, 10, 23)) },
        { key: 'list', value: [1, undefined, 3] },
      ],
    };
    const text = serializeBackup(tables, { now: NOW, schemaVersion: 4 });
    const parsed = parseBackup(text, 4);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.tables).toStrictEqual(tables);
    expect(parsed.migratedFrom).toBeNull();
    expect(JSON.parse(text)).toMatchObject({
      format: BACKUP_FORMAT,
      version: 1,
      schemaVersion: 4,
      exportedAt: NOW.toISOString(),
    });
  });

  it('brings a schema-1 backup to the current schema: history per batch, rule sets and follow-ups added', () => {
    const old = JSON.stringify({
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
      tables: {
        customers: [{ id: 'c1' }],
        history: [
          { id: 1, customerId: 'c1', at: 't', batchId: 'b1', field: '(created)', from: null, to: null, by: 'capture' },
          { id: 2, customerId: 'c1', at: 't', batchId: 'b2', field: 'name', from: '张', to: '张伟', by: 'capture' },
        ],
      },
    });
    const parsed = parseBackup(old, 4);
    expect(parsed.ok && parsed.migratedFrom).toBe(1);
    if (!parsed.ok) return;
    expect(parsed.backup.schemaVersion).toBe(4);
    expect(parsed.backup.tables.history).toEqual([
      {
        id: 2,
        customerId: 'c1',
        at: 't',
        batchId: 'b2',
        by: 'capture',
        changes: [{ field: 'name', from: '张', to: '张伟' }],
      },
    ]);
    expect(parsed.backup.tables.ruleSets).toEqual([]);
    expect(parsed.backup.tables.followUps).toEqual([]);
  });

  it('refuses what is not a backup, and a backup from a newer schema, with a message in both languages', () => {
    const notJson = parseBackup('PK\u0003\u0004...', 4);
    expect(!notJson.ok && notJson.error.code).toBe('notJson');
    const other = parseBackup('{"hello": 1}', 4);
    expect(!other.ok && other.error.code).toBe('notBackup');
    const newer = parseBackup(serializeBackup({}, { now: NOW, schemaVersion: 9 }), 4);
    expect(!newer.ok && newer.error.message.zh).toContain('数据库版本 9');
    expect(!newer.ok && newer.error.message.en).toContain('database version 9');
    const broken = parseBackup(
      JSON.stringify({ format: BACKUP_FORMAT, version: 1, schemaVersion: 4, tables: { customers: 'x' } }),
      4,
    );
    expect(!broken.ok && broken.error.code).toBe('badTable');
  });

  it('names the file by the local day', () => {
    expect(backupFileName(NOW)).toBe('DealerLens_备份_2026-11-23.json');
  });
});
