// A portal's grade letters are the portal's: a defeat reason makes a defeated
// lead whatever the letter, a letter that clashes with the other columns is a
// conflict with both readings, and a letter the user gave a meaning is read by it.
import { describe, expect, it } from 'vitest';
import { FUNNEL_RULE_SET, gradeCustomer, entryOf, type GradeInput } from '../../../lib/grading';
import { at, grade } from './helpers';

const TODAY = '2026-03-10';

describe('a defeat reason is evidence of a defeated lead whatever the letter', () => {
  const customer: GradeInput = { portalGrade: 'D', defeatReason: '竞品', lastContactAt: '2026-03-01T10:00' };

  it('D with a defeat reason and no delivery or purchase date is a defeated lead, win-back scheduled, flagged with both readings', () => {
    const defeated = grade('defeated', customer, TODAY);
    expect(defeated.grade).toBe('defeated');
    expect(defeated.detail).toBe('购买竞品');
    expect(defeated.nextDueAt).toBe('2026-03-31');
    expect(defeated.flags).toContain('gradeConflict');
    expect(defeated.reason.zh).toContain('级别冲突');
    expect(defeated.reason.zh).toContain('交车客户');
    expect(defeated.reason.zh).toContain('战败');
    expect(defeated.reason.en).toContain('grade conflict');
    expect(defeated.reason.en).toContain('delivered customer');
    expect(defeated.reason.zh).not.toContain('非战败客户');

    const intent = grade('intent', customer, TODAY);
    expect(intent.grade).toBe('n/a');
    expect(intent.flags).toContain('gradeConflict');
    expect(intent.reason.zh).not.toContain('缺少交车日期');
    expect(intent.reason.zh).toContain('按战败标准跟进');
  });

  it.each([
    ['暂缓购车', '暂缓购车'],
    ['联系不上', '其他'],
    ['价格太贵', '价格高'],
  ])('D with the defeat reason %s is defeated (%s)', (reason, filed) => {
    const e = grade('defeated', { portalGrade: 'D', defeatReason: reason }, TODAY);
    expect([e.grade, e.detail]).toEqual(['defeated', filed]);
  });

  it('O with no sign of an order but a defeat reason is a defeated lead, flagged', () => {
    const e = grade('defeated', { portalGrade: 'O', defeatReason: '价格高' }, TODAY);
    expect(e.grade).toBe('defeated');
    expect(e.flags).toContain('gradeConflict');
    expect(e.reason.zh).toContain('订车客户');
  });

  it('O with a defeat reason and a known delivery date is an order that came back, not a conflict', () => {
    const input: GradeInput = { portalGrade: 'O', defeatReason: '价格高', extra: { 预计交车日期: '2026-03-20' } };
    expect(grade('defeated', input, TODAY).grade).toBe('reactivated');
    expect(grade('intent', input, TODAY).grade).toBe('O');
  });

  it('M with no purchase, vehicle or service data but a defeat reason is a defeated lead, flagged', () => {
    const e = grade('defeated', { portalGrade: 'M', defeatReason: '竞品' }, TODAY);
    expect(e.grade).toBe('defeated');
    expect(e.flags).toContain('gradeConflict');
    expect(e.reason.zh).toContain('保有客户');
  });

  it('M with a VIN and a defeat reason is an owner once defeated, not a conflict', () => {
    const input: GradeInput = { portalGrade: 'M', defeatReason: '竞品', vin: 'LSVAU2180N2000001' };
    const e = grade('defeated', input, TODAY);
    expect(e.grade).toBe('reactivated');
    expect(e.flags).toBeUndefined();
  });

  it('D with a defeat reason and a delivery date is a delivered customer, once defeated', () => {
    const input: GradeInput = { portalGrade: 'D', defeatReason: '竞品', deliveredAt: '2026-03-01' };
    expect(grade('defeated', input, TODAY).grade).toBe('reactivated');
    expect(grade('intent', input, TODAY).grade).toBe('D');
  });

  it('a lead letter with a defeat reason is defeated and flagged: the portal may keep the last grade of a lost lead', () => {
    const e = grade('intent', { portalGrade: 'B', defeatReason: '暂缓购车' }, TODAY);
    expect(e.grade).toBe('n/a');
    expect(e.flags).toContain('gradeConflict');
    expect(e.reason.zh).toContain('意向级别');
    expect(grade('defeated', { portalGrade: 'B', defeatReason: '暂缓购车' }, TODAY).grade).toBe('defeated');
  });

  it('a defeat reason with no letter and no stage is a defeated lead, no conflict', () => {
    const e = grade('defeated', { defeatReason: '贷款没批' }, TODAY);
    expect([e.grade, e.detail, e.flags]).toEqual(['defeated', '贷款未批', undefined]);
  });

  it('a stage on record decides: a lead with a defeat reason came back', () => {
    expect(grade('defeated', { stage: 'lead', portalGrade: 'D', defeatReason: '竞品' }, TODAY).grade).toBe(
      'reactivated',
    );
  });

  it("the consultant's own grade from the follow-up log is a lead taken back, not evidence", () => {
    const input: GradeInput = {
      defeatReason: '竞品',
      followUp: { grade: 'A', lastContactAt: '2026-03-09T10:00', count: 1 } as GradeInput['followUp'],
    };
    expect(grade('intent', input, TODAY).grade).toBe('A');
    expect(grade('defeated', input, TODAY).grade).toBe('reactivated');
  });

  it('with the funnel rule set, D is a lead not buying within 12 months: with a defeat reason it is a defeated lead and a conflict', () => {
    const e = entryOf(
      gradeCustomer({ portalGrade: 'D', defeatReason: '竞品' }, FUNNEL_RULE_SET, at(TODAY)),
      'defeated',
    )!;
    expect(e.grade).toBe('defeated');
    expect(e.reason.zh).toContain('意向级别');
    // Without a defeat reason the funnel's D is a lead band as before.
    expect(entryOf(gradeCustomer({ portalGrade: 'D' }, FUNNEL_RULE_SET, at(TODAY)), 'intent')!.grade).toBe('D');
  });
});

describe('a letter the user gave a meaning is read by it', () => {
  it("D（战败）: this portal's D is a defeated lead, with or without a defeat reason, never a delivered customer", () => {
    const intent = grade('intent', { portalGrade: 'D（战败）' }, TODAY);
    expect(intent.grade).toBe('n/a');
    expect(intent.flags).toBeUndefined();
    const defeated = grade('defeated', { portalGrade: 'D（战败）', defeatReason: '联系不上' }, TODAY);
    expect([defeated.grade, defeated.flags]).toEqual(['defeated', undefined]);
  });

  it('D（战败） with a delivery date is flagged with both readings', () => {
    const e = grade('defeated', { portalGrade: 'D（战败）', deliveredAt: '2026-02-01' }, TODAY);
    expect(e.grade).toBe('defeated');
    expect(e.flags).toContain('gradeConflict');
    expect(e.reason.zh).toContain('按本系统设定');
  });

  it('D（订车） is an ordered customer, and agrees with a stage column saying 订车', () => {
    const e = grade('intent', { portalGrade: 'D（订车）', stage: 'ordered', lastContactAt: '2026-03-09T10:00' }, TODAY);
    expect(e.grade).toBe('O');
    expect(e.flags).toBeUndefined();
  });

  it('the stored meaning holds under another rule set: D（交车） is the funnel set’s 交车', () => {
    expect(
      entryOf(
        gradeCustomer({ portalGrade: 'D（交车）', deliveredAt: '2026-03-09' }, FUNNEL_RULE_SET, at(TODAY)),
        'intent',
      )!.grade,
    ).toBe('交车');
  });

  it('a 级别 column holding stage words: 战败 is a defeated lead', () => {
    expect(grade('defeated', { portalGrade: '战败' }, TODAY).grade).toBe('defeated');
    expect(grade('intent', { portalGrade: '战败' }, TODAY).grade).toBe('n/a');
  });
});
