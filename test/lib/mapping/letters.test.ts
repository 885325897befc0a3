// What a portal's grade letters mean: guessed from the rows, chosen in the
// preview, saved in the site profile, applied to later captures and read by grading.
import { describe, expect, it } from 'vitest';
import { CaptureSessions } from '../../../lib/capture/session';
import { checkCapture } from '../../../lib/capture/check';
import type { StagedTable } from '../../../lib/capture/types';
import { guessLetters, startingMeanings, suggestMapping, withLetterMeanings, parseText } from '../../../lib/mapping';
import { freshDatabase } from '../db/helpers';

const NOW = new Date('2026-11-23T10:00:00+08:00');
const HEADERS = ['客户姓名', '手机号码', '客户级别', '战败原因', '最近联系'];
// This portal's D is a defeated lead: its rows carry defeat reasons.
const ROWS = [
  ['张伟', '13812345678', 'H', '', '2026/11/20'],
  ['李娜', '13987654321', 'D', '竞品', '2026/11/01'],
  ['王五', '13700000001', 'D', '暂缓购车', '2026/10/01'],
  ['赵六', '13700000002', 'D', '联系不上', '2026/10/05'],
  ['钱七', '13700000003', 'A', '', '2026/11/18'],
];

function table(
  rows: string[][],
  headers = HEADERS,
  pageUrl = 'http://dms.example.com/crm/customer/list.do?page=1',
): StagedTable {
  return { pageUrl, pageTitle: '客户列表', frame: null, headers, rows, rowLinks: rows.map(() => null) };
}

describe('guessing what a letter means from its rows', () => {
  it('a letter whose rows mostly carry a defeat reason is guessed defeated, with why', () => {
    const guesses = guessLetters(ROWS, suggestMapping(HEADERS, ROWS));
    expect(guesses.map((g) => [g.letter, g.rows, g.meaning])).toEqual([
      ['D', 3, 'defeated'],
      ['A', 1, undefined],
      ['H', 1, undefined],
    ]);
    expect(guesses[0]!.why).toEqual({ zh: '3 行中 3 行有战败原因', en: '3 of its 3 rows carry a defeat reason' });
  });

  it('a letter whose rows only sometimes carry a defeat reason is not guessed (a lead that once was lost)', () => {
    const rows = [
      ...ROWS.map((r) => (r[2] === 'D' ? [...r.slice(0, 3), '', r[4]!] : r)),
      ['孙八', '13700000004', 'D', '价格高', '2026/11/02'],
    ];
    expect(guessLetters(rows, suggestMapping(HEADERS, rows)).find((g) => g.letter === 'D')!.meaning).toBeUndefined();
  });

  it('a letter whose rows mostly have one stage in a stage column is guessed that stage', () => {
    const headers = ['客户姓名', '手机号码', '客户级别', '客户状态'];
    const rows = [
      ['张伟', '13812345678', 'O', '已下订'],
      ['李娜', '13987654321', 'O', '已下订'],
      ['王五', '13700000001', 'H', '跟进中'],
    ];
    const mapping = suggestMapping(headers, rows);
    expect(mapping.map((m) => m.field)).toEqual(['name', 'phone', 'portalGrade', 'stage']);
    expect(guessLetters(rows, mapping).find((g) => g.letter === 'O')).toMatchObject({
      meaning: 'ordered',
      why: { zh: '2 行中 2 行的阶段为订车客户' },
    });
  });

  it('no column mapped to the portal grade, or one with free text, gives no letters', () => {
    const mapping = suggestMapping(HEADERS, ROWS).map((m) => (m.field === 'portalGrade' ? { ...m, field: null } : m));
    expect(guessLetters(ROWS, mapping)).toEqual([]);
    const many = Array.from({ length: 20 }, (_, i) => [
      '某',
      `1370000${String(i).padStart(4, '0')}`,
      `级别${i}`,
      '',
      '',
    ]);
    expect(guessLetters(many, suggestMapping(HEADERS, many))).toEqual([]);
  });

  it("a saved profile's meaning comes before the guess", () => {
    const guesses = guessLetters(ROWS, suggestMapping(HEADERS, ROWS));
    expect(startingMeanings(guesses, { D: 'ordered' })).toEqual({ D: { meaning: 'ordered', source: 'profile' } });
    expect(startingMeanings(guesses, undefined)).toEqual({ D: { meaning: 'defeated', source: 'guess' } });
  });

  it('a letter with a meaning is stored with it; other letters as written', () => {
    const parse = withLetterMeanings(parseText, { D: 'defeated' });
    expect(parse(' D ')).toEqual({ ok: true, value: 'D（战败）' });
    expect(parse('H')).toEqual({ ok: true, value: 'H' });
    // A re-imported export already says so.
    expect(parse('D（战败）')).toEqual({ ok: true, value: 'D（战败）' });
    const { records } = checkCapture(table(ROWS), suggestMapping(HEADERS, ROWS), { D: 'defeated' });
    expect(records.map((r) => r.fields.portalGrade)).toEqual(['H', 'D（战败）', 'D（战败）', 'D（战败）', 'A']);
  });
});

describe('letter meanings through a capture, a profile and grading', () => {
  it('the meanings are saved in the site profile, applied to the next capture without asking, and grade D as defeated', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    const first = await sessions.stage(table(ROWS));
    await sessions.commit(first.id, undefined, true, { D: 'defeated' });
    const [profile] = await db.profiles.toArray();
    expect(profile!.letters).toEqual({ D: 'defeated' });
    expect(sessions.preview((await sessions.stage(table(ROWS))).id)!.profile!.letters).toEqual({ D: 'defeated' });

    // Page 2 of the list: committed at once by the profile, its D read as defeated.
    const page2 = [['孙八', '13700000004', 'D', '价格高', '2026/11/02']];
    const run = await sessions.run(table(page2, HEADERS, 'http://dms.example.com/crm/customer/list.do?page=2'));
    expect(run.batch).toBeDefined();
    const sun = await db.customers.where('phone').equals('13700000004').first();
    expect(sun!.portalGrade).toBe('D（战败）');
    // Graded on capture, by the rule set in use.
    expect(sun!.grades).toMatchObject({ intent: 'n/a', defeated: 'defeated', defeatedDetail: '价格高' });
  });

  it('a commit with no meanings keeps the letters as the portal wrote them', async () => {
    const db = freshDatabase();
    const sessions = new CaptureSessions(db, () => NOW);
    const staged = await sessions.stage(table(ROWS));
    await sessions.commit(staged.id, undefined, true, {});
    expect((await db.customers.where('phone').equals('13987654321').first())!.portalGrade).toBe('D');
    expect((await db.profiles.toArray())[0]!.letters).toBeUndefined();
  });
});
