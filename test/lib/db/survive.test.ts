// What a user keeps in DealerLens about a customer (a follow-up logged with a
// grade the consultant set, notes written in the workbench) survives every
// later write of that customer from elsewhere: a page capture, a file import
// and a restore of an older backup in merge mode
// (docs/capture.md#merge-rules, docs/architecture.md#the-data-layer).
import { describe, expect, it } from 'vitest';
import {
  commitCapture,
  exportBackup,
  logFollowUp,
  readBackup,
  restoreBackup,
  saveCustomer,
  type DealerLensDB,
} from '../../../lib/db';
import { DEFAULT_RULE_SET } from '../../../lib/grading';
import { followUpInput } from '../../factories';
import { PAGE, at, freshDatabase, row } from './helpers';

const PHONE = '13812345678';
const fromPortal = (notes: string) => [row({ name: '张伟', phone: PHONE, notes, portalGrade: 'C', stage: 'lead' })];

/** The user's part of the one customer: notes, the follow-up summary with its grade, the log. */
async function usersPart(db: DealerLensDB) {
  const c = (await db.customers.where('phone').equals(PHONE).first())!;
  return {
    notes: c.notes,
    userEdited: c.userEdited,
    followUp: c.followUp,
    log: (await db.followUps.where('customerId').equals(c.id).toArray()).map((f) => [f.id, f.newGrade, f.outcome]),
  };
}

describe("a user's follow-ups, notes and manual grade", () => {
  it('survive a later capture, a file import and a restore (merge) of an older backup', async () => {
    const db = freshDatabase();
    await commitCapture(db, {
      records: fromPortal('门户备注'),
      source: 'page',
      pageUrl: PAGE,
      now: at('2026-03-01T02:00:00Z'),
    });
    const older = await exportBackup(db, at('2026-03-01T03:00:00Z'));

    const stored = (await db.customers.where('phone').equals(PHONE).first())!;
    await saveCustomer(db, { ...stored, notes: '只在周末联系', userEdited: [...stored.userEdited, 'notes'] });
    await logFollowUp(
      db,
      followUpInput(stored.id, { at: '2026-03-02T09:00', outcome: '有意向, 周末到店', newGrade: 'H' }),
      DEFAULT_RULE_SET,
      at('2026-03-02T02:00:00Z'),
    );
    const mine = await usersPart(db);
    expect(mine).toMatchObject({ notes: '只在周末联系', followUp: { grade: 'H' } });
    expect(mine.log).toHaveLength(1);

    await commitCapture(db, {
      records: fromPortal('门户备注2'),
      source: 'page',
      pageUrl: PAGE,
      now: at('2026-03-03T02:00:00Z'),
    });
    expect(await usersPart(db)).toEqual(mine);

    await commitCapture(db, {
      records: fromPortal('表格备注'),
      source: 'file',
      pageUrl: 'file:///客户明细.xlsx',
      now: at('2026-03-04T02:00:00Z'),
    });
    expect(await usersPart(db)).toEqual(mine);

    const parsed = await readBackup(db, older);
    if (!parsed.ok) throw new Error(parsed.error.message.en);
    await restoreBackup(db, parsed.backup, 'merge');
    expect(await usersPart(db)).toEqual(mine);
  });
});
