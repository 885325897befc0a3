import { describe, expect, it } from 'vitest';
import { LEGACY_ME_KEY, ME_KEY, loadMe, saveMe } from '../../../lib/db';
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
    expect((await loadWorkbenchSettings(db)).me).toBeUndefined();
  });

  it('a name the workbench saved under its old key survives: moved to the shared key when first read', async () => {
    const db = freshDatabase();
    await db.settings.put({ key: LEGACY_ME_KEY, value: '赵敏' });
    expect(await loadMe(db)).toBe('赵敏');
    expect(await db.settings.get(ME_KEY)).toEqual({ key: ME_KEY, value: '赵敏' });
    expect(await db.settings.get(LEGACY_ME_KEY)).toBeUndefined();
    expect((await loadWorkbenchSettings(db)).me).toBe('赵敏');
  });

  it('when both were set, the shared (side panel) name stands and the old key goes', async () => {
    const db = freshDatabase();
    await db.settings.bulkPut([
      { key: ME_KEY, value: '王芳' },
      { key: LEGACY_ME_KEY, value: '赵敏' },
    ]);
    expect(await loadMe(db)).toBe('王芳');
    expect(await db.settings.get(LEGACY_ME_KEY)).toBeUndefined();
  });
});
