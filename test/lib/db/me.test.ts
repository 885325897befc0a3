import { describe, expect, it } from 'vitest';
import { exportBackup, loadMe, openDatabase, readBackup, restoreBackup, saveMe } from '../../../lib/db';
import { loadWorkbenchSettings, saveMe as saveWorkbenchMe } from '../../../components/workbench/settings';
import { freshDatabase } from './helpers';

describe('"我是 …": one name for the side panel and the workbench', () => {
  it("a name set in the side panel is the workbench's 我的客户 name, and the other way round", async () => {
    const db = freshDatabase();
    await saveMe(db, ' 王芳 '); // the side panel
    expect((await loadWorkbenchSettings(db)).me).toBe('王芳');
    await saveWorkbenchMe(db, '李强');
    expect(await loadMe(db)).toBe('李强');
    await saveWorkbenchMe(db, '  ');
    expect(await loadMe(db)).toBeUndefined();
    expect(await db.settings.get('me')).toBeUndefined();
    expect((await loadWorkbenchSettings(db)).me).toBeUndefined();
  });

  it('a name the workbench saved under its old key (workbench.me) survives: moved to the shared key on open', async () => {
    const name = `dealerlens-test-${crypto.randomUUID()}`;
    const older = openDatabase({ name });
    await older.settings.put({ key: 'workbench.me', value: '赵敏' });
    older.close();
    const db = openDatabase({ name });
    expect(await db.settings.toArray()).toEqual([{ key: 'me', value: '赵敏' }]);
    expect(await loadMe(db)).toBe('赵敏');
    expect((await loadWorkbenchSettings(db)).me).toBe('赵敏');
  });

  it('when both were set, the shared (side panel) name stands and the old key goes', async () => {
    const name = `dealerlens-test-${crypto.randomUUID()}`;
    const older = openDatabase({ name });
    await older.settings.bulkPut([
      { key: 'me', value: '王芳' },
      { key: 'workbench.me', value: '赵敏' },
    ]);
    older.close();
    const db = openDatabase({ name });
    expect(await loadMe(db)).toBe('王芳');
    expect(await db.settings.get('workbench.me')).toBeUndefined();
  });
});

describe('a backup made before the rename', () => {
  it('restored, its workbench.me name is read under the shared key (merge and replace)', async () => {
    const source = freshDatabase();
    // Written after open, as an older DealerLens wrote it, so the backup holds the old key.
    await source.settings.put({ key: 'workbench.me', value: '赵敏' });
    const text = await exportBackup(source, new Date('2026-03-10T08:00:00Z'));
    for (const mode of ['merge', 'replace'] as const) {
      const target = freshDatabase();
      const parsed = await readBackup(target, text);
      if (!parsed.ok) throw new Error('backup did not read');
      await restoreBackup(target, parsed.backup, mode);
      expect(await target.settings.toArray()).toEqual([{ key: 'me', value: '赵敏' }]);
    }
  });
});
