// Standard 1 of docs/grading.md#g1-lead-intent-grade-and-follow-up-cadence: lead intent grade with follow-up cadence
// (乘用车跟踪标准 H/A/B/C and O/D/M; or the A-B-C-D purchase funnel).
// The grade comes from the consultant's latest follow-up grade, else the
// portal's grade, else is derived from `expectedPurchaseAt` or `stage`; a
// given grade that disagrees with the derived one is flagged. The next
// follow-up falls due on the calendar day `last contact + cadence` and is
// overdue from the day after.
import { addMonthsToDay, dayOf, isoOfDay } from '../calendar';
import {
  nextBirthdayDay,
  deliveryCalls,
  nextDeliveryCall,
  type DeliveryCall,
  HOLIDAY_IDS,
  holidaysOfYear,
  type Holiday,
} from '../followup';
import { DEFEATED, DELIVERED, LEAD, NO_STAGE, ORDERED, OTHER_STAGE, OWNER, type CustomerFacts } from './facts';
import { intentGradeLabels, readLetter, verdictOf, type LetterRead } from './letters';
import { Checker, join } from './schema';
import type { IntentBand, IntentParams } from './intent-params';

export type { IntentBand, IntentParams } from './intent-params';
import {
  GradeCursor,
  gradeOne,
  INSUFFICIENT,
  INSUFFICIENT_LABEL,
  NOT_APPLICABLE,
  NOT_APPLICABLE_LABEL,
  type Bilingual,
  type StandardDefinition,
  type Today,
  type ValidationError,
  type Why,
} from './types';

/** docs/grading.md#g11-lead-bands-habc, 乘用车跟踪标准: H 7 days / every 2, A 1 month / 7, B 3 months / 15, C over / 30. */
export const PASSENGER_INTENT: IntentParams = {
  enabled: true,
  bands: [
    { grade: 'H', within: 7, unit: 'day', cadenceDays: 2 },
    { grade: 'A', within: 1, unit: 'month', cadenceDays: 7 },
    { grade: 'B', within: 3, unit: 'month', cadenceDays: 15 },
    { grade: 'C', within: null, unit: 'month', cadenceDays: 30 },
  ],
  // docs/grading.md#g15-o-ordered O no number ("keep informed, reassure"): weekly, and the
  // day before a known delivery date, are DealerLens's presets.
  ordered: { grade: 'O', cadenceDays: 7, deliveryNoticeDaysBefore: 1 },
  delivered: {
    grade: 'D',
    arrivalCallHours: 2,
    weekCallDays: 7,
    firstServiceReminderDaysBefore: 3,
    quarterCallDays: 90,
    callLeadDays: 3,
  },
  owner: { grade: 'M', holidays: [...HOLIDAY_IDS], birthday: true, leapBirthday: 'feb28' },
};

/**
 * docs/grading.md#g2-the-a-b-c-d-purchase-funnel A-B-C-D purchase funnel: 3 / 4-6 / 7-12 / over 12 months.
 * Its contact column has no numbers ("close contact" .. "long fixed period"):
 * 7 / 15 / 30 / 60 days are DealerLens's presets. The funnel's own D means
 * "not within 12 months", so the stage grades take names that cannot collide.
 */
export const FUNNEL_INTENT: IntentParams = {
  enabled: true,
  bands: [
    { grade: 'A', within: 3, unit: 'month', cadenceDays: 7 },
    { grade: 'B', within: 6, unit: 'month', cadenceDays: 15 },
    { grade: 'C', within: 12, unit: 'month', cadenceDays: 30 },
    { grade: 'D', within: null, unit: 'month', cadenceDays: 60 },
  ],
  ordered: { grade: '订车', cadenceDays: 7, deliveryNoticeDaysBefore: 1 },
  delivered: {
    grade: '交车',
    arrivalCallHours: 2,
    weekCallDays: 7,
    firstServiceReminderDaysBefore: 3,
    quarterCallDays: 90,
    callLeadDays: 3,
  },
  owner: { grade: '保有', holidays: [...HOLIDAY_IDS], birthday: true, leapBirthday: 'feb28' },
};

type Kind = 'band' | 'ordered' | 'delivered' | 'owner';
interface Known {
  kind: Kind;
  band: number;
  label: Bilingual;
}

interface Rules {
  params: IntentParams;
  today: Today;
  /** Last day (inclusive) an expected close date may fall on for each band; Infinity when open. */
  limits: number[];
  known: Map<string, Known>;
  /** Grade text -> how this rule set reads it (read once per distinct text). */
  normalised: Map<string, LetterRead>;
  /** Greeting holidays from today on, this year and next. */
  holidays: Holiday[];
}

const MONTH_DAYS_FOR_ORDER = 30.44;
const bandSpanDays = (b: IntentBand): number =>
  b.within === null ? Infinity : b.unit === 'day' ? b.within : b.within * MONTH_DAYS_FOR_ORDER;

function validate(params: unknown, path: string, errors: ValidationError[]): void {
  const c = new Checker(errors);
  if (!c.object(params, path, ['enabled', 'bands', 'ordered', 'delivered', 'owner'])) return;
  c.bool(params.enabled, join(path, 'enabled'));
  const grades = new Map<string, string>();
  const claim = (grade: unknown, at: string): void => {
    if (!c.text(grade, at)) return;
    if (grades.has(grade))
      c.fail(at, `级别 “${grade}” 与 ${grades.get(grade)} 重复`, `grade "${grade}" repeats ${grades.get(grade)}`);
    else grades.set(grade, at);
  };
  const bandsPath = join(path, 'bands');
  const bands = params.bands;
  if (Array.isArray(bands)) {
    if (bands.length === 0) c.fail(bandsPath, '至少需要一个级别', 'needs at least one grade');
    let previous = -Infinity;
    bands.forEach((band: unknown, i) => {
      const at = join(bandsPath, i);
      if (!c.object(band, at, ['grade', 'within', 'unit', 'cadenceDays'])) return;
      claim(band.grade, join(at, 'grade'));
      c.oneOf(band.unit, join(at, 'unit'), ['day', 'month']);
      c.days(band.cadenceDays, join(at, 'cadenceDays'), 1);
      const last = i === bands.length - 1;
      if (band.within === null) {
        if (!last) c.fail(join(at, 'within'), '只有最后一级可以不设上限', 'only the last grade may be open-ended');
      } else if (c.days(band.within, join(at, 'within'), 1)) {
        const span = bandSpanDays(band as unknown as IntentBand);
        if (span <= previous)
          c.fail(
            join(at, 'within'),
            '必须比上一级更长 (级别按预计成交由近到远排列)',
            'must be longer than the grade before (grades run from nearest close to farthest)',
          );
        previous = span;
      }
    });
  } else c.fail(bandsPath, '应为列表', 'must be a list');

  const ordered = join(path, 'ordered');
  if (c.object(params.ordered, ordered, ['grade', 'cadenceDays', 'deliveryNoticeDaysBefore'])) {
    claim(params.ordered.grade, join(ordered, 'grade'));
    c.days(params.ordered.cadenceDays, join(ordered, 'cadenceDays'), 1);
    c.days(params.ordered.deliveryNoticeDaysBefore, join(ordered, 'deliveryNoticeDaysBefore'));
  }
  const delivered = join(path, 'delivered');
  if (
    c.object(params.delivered, delivered, [
      'grade',
      'arrivalCallHours',
      'weekCallDays',
      'firstServiceReminderDaysBefore',
      'quarterCallDays',
      'callLeadDays',
    ])
  ) {
    const d = params.delivered;
    claim(d.grade, join(delivered, 'grade'));
    c.number(d.arrivalCallHours, join(delivered, 'arrivalCallHours'), 0, 72);
    const week = c.days(d.weekCallDays, join(delivered, 'weekCallDays'), 1);
    c.days(d.firstServiceReminderDaysBefore, join(delivered, 'firstServiceReminderDaysBefore'));
    if (
      c.days(d.quarterCallDays, join(delivered, 'quarterCallDays'), 1) &&
      week &&
      (d.quarterCallDays as number) <= (d.weekCallDays as number)
    ) {
      c.fail(join(delivered, 'quarterCallDays'), '必须晚于交车后首周回访', 'must come after the first-week call');
    }
    c.days(d.callLeadDays, join(delivered, 'callLeadDays'), 0, 30);
  }
  const owner = join(path, 'owner');
  if (c.object(params.owner, owner, ['grade', 'holidays', 'birthday', 'leapBirthday'])) {
    claim(params.owner.grade, join(owner, 'grade'));
    c.list(params.owner.holidays, join(owner, 'holidays'), HOLIDAY_IDS);
    c.bool(params.owner.birthday, join(owner, 'birthday'));
    c.oneOf(params.owner.leapBirthday, join(owner, 'leapBirthday'), ['feb28', 'mar1']);
  }
}

function prepare(params: IntentParams, today: Today): Rules {
  const limits = params.bands.map((b) =>
    b.within === null ? Infinity : b.unit === 'day' ? today.day + b.within : addMonthsToDay(today.day, b.within),
  );
  const known = new Map<string, Known>();
  for (const g of intentGradeLabels(params))
    known.set(g.id, { kind: g.kind as Kind, band: params.bands.findIndex((b) => b.grade === g.id), label: g.label });
  const wanted = new Set(params.owner.holidays);
  const holidays = [...holidaysOfYear(today.year), ...holidaysOfYear(today.year + 1)].filter(
    (h) => h.day >= today.day && wanted.has(h.id),
  );
  return { params, today, limits, known, normalised: new Map(), holidays };
}

/** How this rule set reads a grade a portal or consultant wrote ('h', 'H级', 'D（战败）', '战败'). */
function normalise(text: string, rules: Rules): LetterRead {
  let read = rules.normalised.get(text);
  if (read === undefined) rules.normalised.set(text, (read = readLetter(text, rules.params, rules.known)));
  return read;
}

const fmt = (day: number): string => isoOfDay(day);
const SOURCE_MANUAL: Bilingual = { zh: '顾问评定', en: 'set by the consultant' };
const SOURCE_PORTAL: Bilingual = { zh: '系统原级别', en: 'portal grade' };

function gradeRow(f: CustomerFacts, i: number, rules: Rules, out: GradeCursor, why?: Why): void {
  const { params, today, known } = rules;
  const t = today.day;
  const stage = f.stage[i] !== NO_STAGE ? f.stage[i]! : f.logStage[i]!;
  if (stage === DEFEATED) {
    why?.add('战败客户: 按战败标准跟进', 'Defeated customer: followed up by the defeated standard');
    return out.set(NOT_APPLICABLE, NOT_APPLICABLE_LABEL);
  }
  const givenCode = f.given[i]!;
  const givenText = givenCode === 0 ? undefined : f.texts[givenCode]!;
  const read = givenText === undefined || givenText === '' ? undefined : normalise(givenText, rules);
  if (stage === NO_STAGE || stage === OTHER_STAGE) {
    // No stage on record: the letter and a defeat reason say whether this is a defeated lead (letters.ts).
    const verdict = verdictOf(f, i, read, f.givenManual[i] === 1);
    if (verdict.defeated) {
      if (verdict.conflict) out.flag('gradeConflict');
      if (why) {
        why.add('战败客户: 按战败标准跟进', 'Defeated customer: followed up by the defeated standard');
        if (verdict.conflict) why.add(verdict.conflict.zh, verdict.conflict.en);
      }
      return out.set(NOT_APPLICABLE, NOT_APPLICABLE_LABEL);
    }
  }

  // The derived grade: from the stage, else from the expected purchase date.
  let derived = '';
  const expected = f.expected[i]!;
  if (stage === ORDERED) derived = params.ordered.grade;
  else if (stage === DELIVERED) derived = params.delivered.grade;
  else if (stage === OWNER) derived = params.owner.grade;
  else if (expected === expected) {
    const { limits } = rules;
    let b = 0;
    while (b < limits.length - 1 && expected > limits[b]!) b++;
    if (expected <= limits[b]!) derived = params.bands[b]!.grade;
    if (expected < t) out.flag('expectedPassed');
  }

  // The given grade: the consultant's latest follow-up grade, else the portal's.
  const given = read?.gradeId ?? '';
  if (read && (read.kind === '' || read.kind === 'lead')) out.flag('portalGradeUnknown');
  // A stage on record and a letter meaning defeated (战败 in the 级别 column) disagree.
  if (read?.kind === 'defeated') out.flag('gradeMismatch');
  const source = f.givenManual[i] === 1 ? SOURCE_MANUAL : SOURCE_PORTAL;
  const gradeId = given || derived;
  if (why) {
    if (given)
      why.add(
        `${source.zh} ${givenText === given ? given : `“${givenText}” 即 ${given}`}`,
        `${source.en} ${givenText === given ? given : `"${givenText}", i.e. ${given}`}`,
      );
    else if (read?.kind === 'defeated')
      why.add(
        `${source.zh} “${givenText}” 表示战败, 与阶段不一致`,
        `${source.en} "${givenText}" means defeated, which the stage contradicts`,
      );
    else if (read?.kind === 'lead')
      why.add(
        `${source.zh} “${givenText}” 是潜在客户, 本规则集无此意向级别`,
        `${source.en} "${givenText}" is a lead, a grade this rule set does not have`,
      );
    else if (givenText)
      why.add(`${source.zh} “${givenText}” 不在本规则集中`, `${source.en} "${givenText}" is not in this rule set`);
    if (derived && stage !== NO_STAGE && stage !== LEAD) why.add(`阶段推算为 ${derived}`, `stage gives ${derived}`);
    else if (derived)
      why.add(`预计购车 ${fmt(expected)}, 推算为 ${derived}`, `expected purchase ${fmt(expected)} gives ${derived}`);
    if (out.hasFlag('expectedPassed')) why.add('预计购车日期已过', 'the expected purchase date has passed');
  }
  if (given && derived && given !== derived) {
    out.flag('gradeMismatch');
    why?.add(
      `${source.zh} ${given} 与推算的 ${derived} 不一致`,
      `${source.en} ${given} disagrees with the derived ${derived}`,
    );
  }
  if (!gradeId) {
    why?.add('无级别、无阶段、无预计购车日期', 'no grade, no stage and no expected purchase date');
    return out.set(INSUFFICIENT, INSUFFICIENT_LABEL);
  }
  const k = known.get(gradeId)!;
  out.set(gradeId, k.label);

  // Last contact: the later of the captured field and the follow-up log.
  const fieldContact = f.contact[i]!;
  const logContact = f.logContact[i]!;
  const last = logContact !== logContact || fieldContact > logContact ? fieldContact : logContact;
  if (last > t) out.flag('futureDate');
  // A next date chosen on the latest follow-up overrides the cadence.
  const chosen = f.chosen[i]!;
  if (chosen === chosen && !(fieldContact > logContact)) {
    why?.add(`约定下次联系 ${fmt(chosen)}`, `next contact agreed for ${fmt(chosen)}`);
    out.dueOn(chosen);
    if (k.kind !== 'delivered' && k.kind !== 'owner') leadCare(out, f, i, k, rules, why);
    return dueWords(out, t, why);
  }

  if (k.kind === 'band' || k.kind === 'ordered') {
    const cadence = k.kind === 'band' ? params.bands[k.band]!.cadenceDays : params.ordered.cadenceDays;
    const base = last !== last ? f.firstVisitOf(i) : last;
    if (base !== base) {
      // Counting from a date the page did not give would make every such lead "due today".
      out.flag('missingDate');
      why?.add(
        `资料不全: 缺少首次到店日期和最近联系日期, 无法排定电话回访 (每 ${cadence} 天)`,
        `missing data: no first-visit and no last-contact date to count the phone follow-up (every ${cadence} days) from`,
      );
    } else {
      let due = base + cadence;
      if (k.kind === 'ordered') {
        const delivery = f.delivery[i]!;
        const notice = delivery - params.ordered.deliveryNoticeDaysBefore;
        if (notice > base && notice < due) {
          due = notice;
          why?.add(
            `交车日 ${fmt(delivery)} 前 ${params.ordered.deliveryNoticeDaysBefore} 天告知客户`,
            `tell the customer ${params.ordered.deliveryNoticeDaysBefore} day(s) before delivery on ${fmt(delivery)}`,
          );
        }
      }
      if (why) {
        const since = t - base;
        const what =
          last !== last
            ? { zh: '距首次到店', en: 'since the first visit' }
            : { zh: '距上次联系', en: 'since the last contact' };
        why.add(
          `电话回访: ${what.zh}已 ${since} 天, 标准 ${cadence} 天`,
          `phone follow-up: ${since} days ${what.en}, standard ${cadence} days`,
        );
      }
      out.dueOn(due);
    }
    leadCare(out, f, i, k, rules, why);
    return dueWords(out, t, why);
  }
  if (k.kind === 'delivered') return deliveredDue(out, f, i, rules, last, why);
  return ownerDue(out, f, i, rules, last, why);
}

function dueWords(out: GradeCursor, t: number, why?: Why): void {
  if (!why) return;
  const day = out.nextDueDay;
  if (day !== day) return;
  const at = fmt(day);
  if (t > day) why.add(`应于 ${at} 联系, 已逾期 ${t - day} 天`, `was due ${at}, ${t - day} days overdue`);
  else if (t === day) why.add(`今天 (${at}) 应联系`, `due today (${at})`);
  else why.add(`下次联系 ${at}`, `next contact ${at}`);
}

function touchpointWords(kind: DeliveryCall, d: IntentParams['delivered'], firstService: number): [string, string] {
  switch (kind) {
    case 'arrival':
      return [
        `交车后 ${d.arrivalCallHours} 小时内回访 (到家平安)`,
        `call within ${d.arrivalCallHours} hours of delivery ("home safe?")`,
      ];
    case 'week':
      return [
        `交车 ${d.weekCallDays} 天内回访 (使用、提示、转介绍)`,
        `a call within ${d.weekCallDays} days of delivery (usage, tips, referrals)`,
      ];
    case 'reminder':
      return [
        `首保 (${fmt(firstService)}) 前 ${d.firstServiceReminderDaysBefore} 天提醒`,
        `first-service reminder ${d.firstServiceReminderDaysBefore} days before ${fmt(firstService)}`,
      ];
    case 'quarter':
      return [`交车约 ${d.quarterCallDays} 天回访`, `a call about ${d.quarterCallDays} days after delivery`];
  }
}

/** Brings the due day forward to a call owed besides the cadence. */
function dueNoLaterThan(out: GradeCursor, day: number): void {
  if (!(out.nextDueDay <= day)) out.dueOn(day);
}

/**
 * A lead's care besides the cadence: the SMS reception owes within 30
 * minutes of a store visit (until an SMS is logged after it), and an event
 * invitation a bulk action set (until a contact after it, or the event).
 */
function leadCare(out: GradeCursor, f: CustomerFacts, i: number, k: Known, rules: Rules, why?: Why): void {
  const t = rules.today.day;
  if (k.kind === 'band' && f.smsOwed[i] === f.smsOwed[i]) {
    const at = f.smsOwedAt(i)!;
    why?.add(
      `到店 (${at.replace('T', ' ')}) 后30分钟内发短信`,
      `SMS within 30 min of the store visit (${at.replace('T', ' ')})`,
    );
    dueNoLaterThan(out, f.smsOwed[i]!);
  }
  const due = f.invitationDue[i]!;
  if (due === due) {
    const inv = f.invitationOf(i)!;
    const eventDay = dayOf(inv.eventAt);
    if (!(eventDay < t) && !(f.contact[i]! > dayOf(inv.setAt))) {
      why?.add(`邀约参加活动 “${inv.event}” (${inv.eventAt})`, `invite to the event "${inv.event}" (${inv.eventAt})`);
      dueNoLaterThan(out, due);
    }
  }
}

const callName = (call: DeliveryCall, d: IntentParams['delivered']): [string, string] =>
  call === 'arrival'
    ? ['交车当天回访', 'the arrival call']
    : call === 'week'
      ? [`交车 ${d.weekCallDays} 天回访`, `the ${d.weekCallDays}-day call`]
      : call === 'reminder'
        ? ['首保提醒', 'the first-service reminder']
        : [`交车约 ${d.quarterCallDays} 天回访`, `the ${d.quarterCallDays}-day call`];

/**
 * D (交车): the arrival call, the first-week call, the first-service
 * reminder, the call at about 3 months, each made by one contact of its own
 * (lib/followup/touchpoints.ts); the earliest call not made and not yet
 * missed is next.
 */
function deliveredDue(out: GradeCursor, f: CustomerFacts, i: number, rules: Rules, last: number, why?: Why): void {
  const d = rules.params.delivered;
  const t = rules.today.day;
  const delivered = f.delivered[i]!;
  if (delivered !== delivered) {
    out.flag('missingDate');
    why?.add(
      '资料不全: 缺少交车日期, 无法排定交车回访',
      'missing data: no delivery date, so the delivery calls cannot be scheduled',
    );
    return;
  }
  const firstService = f.firstServiceOf(i);
  if (firstService !== firstService) {
    out.flag('missingDate');
    why?.add(
      '资料不全: 缺少首保日期, 无法排定首保提醒',
      'missing data: no first-service date, so the first-service reminder cannot be scheduled',
    );
  }
  // A contact after today has not happened yet (it is flagged as a future date).
  const contacts = f.contactDaysOf(i).filter((day) => day <= t);
  const calls = deliveryCalls(delivered, firstService, d, contacts);
  const next = nextDeliveryCall(calls, t);
  if (why) {
    for (const c of calls) {
      if (c === next) break;
      const [zh, en] = callName(c.call, d);
      if (c.made === c.made) {
        if (c.made > c.due)
          why.add(
            `${zh}: ${fmt(c.made)} 已做, 晚 ${c.made - c.due} 天`,
            `${en}: made ${fmt(c.made)}, ${c.made - c.due} days late`,
          );
        else why.add(`${zh}: ${fmt(c.made)} 已做`, `${en}: made ${fmt(c.made)}`);
      } else why.add(`${zh}: 应于 ${fmt(c.due)}, 未做`, `${en}: due ${fmt(c.due)}, missed`);
    }
  }
  if (next) {
    if (why) why.add(...touchpointWords(next.call, d, firstService));
    out.dueOn(next.due);
    return dueWords(out, t, why);
  }
  why?.add('交车回访均已完成', 'all delivery calls made');
  return ownerDue(out, f, i, rules, last, why);
}

/** M (保有): the next birthday or holiday greeting, due on its day unless already made that day. */
function ownerDue(out: GradeCursor, f: CustomerFacts, i: number, rules: Rules, last: number, why?: Why): void {
  const o = rules.params.owner;
  const t = rules.today.day;
  // Greeted today already: look from tomorrow.
  const from = last === t ? t + 1 : t;
  let day = o.birthday ? nextBirthdayDay(f.birthdayOf(i), from, o.leapBirthday) : NaN;
  let isBirthday = !Number.isNaN(day);
  for (const h of rules.holidays) {
    if (h.day < from) continue;
    if (!(h.day >= day)) {
      day = h.day;
      isBirthday = false;
      if (why) why.add(`${h.name.zh}问候`, `${h.name.en} greeting`);
    }
    break;
  }
  if (Number.isNaN(day)) {
    why?.add('无生日, 未选节日问候', 'no birthday and no greeting holidays chosen');
    return;
  }
  if (why && isBirthday) why.add('生日问候', 'birthday greeting');
  out.dueOn(day);
  dueWords(out, t, why);
}

export const intent: StandardDefinition<IntentParams, Rules> = {
  id: 'intent',
  name: { zh: '意向级别与跟进', en: 'Lead intent and follow-up' },
  // Both built-in rule sets' grades; an id they share (D) takes the 乘用车 words here, and
  // views that know the rule set in use label by it (intentGradeLabels).
  grades: [...intentGradeLabels(PASSENGER_INTENT), ...intentGradeLabels(FUNNEL_INTENT)]
    .filter((g, n, all) => all.findIndex((o) => o.id === g.id) === n)
    .map((g) => ({ id: g.id, label: g.label })),
  defaults: PASSENGER_INTENT,
  validate,
  prepare: (params, today) => prepare(params, today),
  gradeRow,
  grade: gradeOne(gradeRow),
};
