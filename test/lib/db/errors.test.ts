// A full disk during a capture, a file import, a bulk action or a restore: the browser
// refuses a write, the batch is not stored at all, and the user reads why.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../../../lib/grading';
import {
  STORAGE_FULL_MESSAGE,
  applyBulk,
  commitCapture,
  exportBackup,
  readBackup,
  restoreBackup,
  writeErrorText,
  type DealerLensDB,
} from '../../../lib/db';
import { PAGE, at, dump, freshDatabase, row } from './helpers';

const proto = (globalThis as unknown as { IDBObjectStore: { prototype: Record<string, (...a: unknown[]) => unknown> } })
  .IDBObjectStore.prototype;
const original = { put: proto.put!, add: proto.add! };

/** From now on, the browser refuses the `after`+1-th write and every one after it, as a full disk does. */
function diskFullAfter(after: number): void {
  let writes = 0;
  for (const method of ['put', 'add'] as const) {
    proto[method] = function (this: unknown, ...args: unknown[]) {
      if (++writes > after) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original[method].apply(this, args);
    };
  }
}

afterEach(() => Object.assign(proto, original));

const records = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) =>
    row({ name: `客户${from + i}`, phone: `139${String(10_000_000 + from + i).slice(-8)}` }),
  );

async function seeded(): Promise<DealerLensDB> {
  const db = freshDatabase();
  await commitCapture(db, { records: records(20), source: 'page', pageUrl: PAGE, now: at('2026-03-01T02:00:00Z') });
  return db;
}

describe('a full disk', () => {
  it('during a capture stores nothing of the batch, and says so in Chinese and English', async () => {
    const db = await seeded();
    const before = await dump(db);
    diskFullAfter(30);
    const failed = await commitCapture(db, {
      records: records(200, 10),
      source: 'page',
      pageUrl: PAGE,
      now: at('2026-03-02T02:00:00Z'),
    }).catch((e: unknown) => e);
    expect(writeErrorText(failed)).toBe(STORAGE_FULL_MESSAGE);
    Object.assign(proto, original);
    expect(await dump(db)).toEqual(before);
  });

  it('during a file import stores nothing of the batch, and says so in Chinese and English', async () => {
    const db = await seeded();
    const before = await dump(db);
    diskFullAfter(30);
    const failed = await commitCapture(db, {
      records: records(200, 10),
      source: 'file',
      pageUrl: 'file:///客户明细.xlsx',
      now: at('2026-03-02T02:00:00Z'),
    }).catch((e: unknown) => e);
    expect(writeErrorText(failed)).toBe(STORAGE_FULL_MESSAGE);
    Object.assign(proto, original);
    expect(await dump(db)).toEqual(before);
  });

  it('during a bulk action leaves every customer as it was', async () => {
    const db = await seeded();
    const before = await dump(db);
    const ids = (await db.customers.toArray()).map((c) => c.id);
    diskFullAfter(5);
    const failed = await applyBulk(
      db,
      ids,
      { kind: 'reassign', consultant: '陈静' },
      DEFAULT_RULE_SET,
      at('2026-03-02T02:00:00Z'),
    ).catch((e: unknown) => e);
    expect(writeErrorText(failed)).toBe(STORAGE_FULL_MESSAGE);
    Object.assign(proto, original);
    expect(await dump(db)).toEqual(before);
  });

  it('during a restore (replace) leaves the database as it was', async () => {
    const source = await seeded();
    const parsed = await readBackup(source, await exportBackup(source, at('2026-03-02T02:00:00Z')));
    if (!parsed.ok) throw new Error('backup did not parse');
    const db = freshDatabase();
    await commitCapture(db, {
      records: records(5, 500),
      source: 'page',
      pageUrl: PAGE,
      now: at('2026-03-01T02:00:00Z'),
    });
    const before = await dump(db);
    diskFullAfter(3);
    const failed = await restoreBackup(db, parsed.backup, 'replace').catch((e: unknown) => e);
    expect(writeErrorText(failed)).toBe(STORAGE_FULL_MESSAGE);
    Object.assign(proto, original);
    expect(await dump(db)).toEqual(before);
  });
});
