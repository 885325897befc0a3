// docs/grading.md#g8-defeated-leads-and-win-back: every defeated customer carries a defeat reason from a
// fixed list plus free text; the reason is normalised to the list (the free
// text is kept in the reason), a win-back call is due on a slow cadence
// (preset 30 days), and one who comes back as a lead is graded as a lead again
// (by the intent standard), history kept: here they show as 已重新激活.
import { DEFEATED as DEFEATED_STAGE, NO_STAGE, OTHER_STAGE, type CustomerFacts } from './facts';
import { PASSENGER_INTENT, type IntentParams } from './intent';
import { knownLetters, readLetter, verdictOf, type LetterKind, type LetterRead } from './letters';
import { VALUE_LABELS } from '../customer';
import { Checker, isRecord, join } from './schema';
import {
  GradeCursor,
  gradeOne,
  label,
  NOT_APPLICABLE,
  NOT_APPLICABLE_LABEL,
  type StandardDefinition,
  type Today,
  type ValidationError,
  type Why,
} from './types';

/** The preset reason list of docs/grading.md#g82-defeat-reasons; 竞品 reads 购买竞品 (a stored 竞品 still maps to it, by the synonyms). */
export const DEFEAT_REASONS = [
  '价格高',
  '购买竞品',
  '车型/配置不符',
  '贷款未批',
  '经销商加价',
  '促销口径不一致',
  '交车周期长',
  '服务体验',
  '暂缓购车',
  '其他',
] as const;

export interface DefeatedParams {
  enabled: boolean;
  /** The reason list; the last one catches what matches nothing. */
  reasons: string[];
  /** Words that map free text to a reason (matched as substrings, longest first). */
  synonyms: Record<string, string[]>;
  winBackCadenceDays: number;
}

export const DEFEATED_DEFAULTS: DefeatedParams = {
  enabled: true,
  reasons: [...DEFEAT_REASONS],
  synonyms: {
    价格高: ['价格', '太贵', '贵', '预算', '落地价', '优惠少'],
    购买竞品: ['已购', '买了', '别家', '提车', '竞品'],
    '车型/配置不符': ['车型', '配置', '空间', '颜色', '动力', '新款'],
    贷款未批: ['贷款', '审批', '征信', '按揭'],
    经销商加价: ['加价', '加装', '捆绑'],
    促销口径不一致: ['促销', '口径', '厂家政策'],
    交车周期长: ['等车', '现车', '周期', '交车慢'],
    服务体验: ['服务', '态度', '体验'],
    暂缓购车: ['暂缓', '不急', '再看看', '家人反对', '以后再说'],
  },
  winBackCadenceDays: 30,
};

const DEFEATED = label('战败', 'Defeated');
const REACTIVATED = label('已重新激活', 'Back as a lead');

interface Rules {
  params: DefeatedParams;
  today: Today;
  fallback: string;
  exact: Set<string>;
  /** [word, reason], longest word first. */
  words: [string, string][];
  cache: Map<string, string>;
  /** The intent rule set's letters, to read a portal grade (letters.ts). */
  intent: IntentParams;
  known: Map<string, { kind: LetterKind }>;
  letters: Map<string, LetterRead>;
}

/** The list reason a defeat text stands for: exact, else the longest synonym or reason it contains, else the last reason. */
export function normaliseDefeatReason(
  text: string | undefined,
  rules: Pick<Rules, 'exact' | 'words' | 'fallback' | 'cache'>,
): string {
  const t = (text ?? '').trim();
  const cached = rules.cache.get(t);
  if (cached !== undefined) return cached;
  let reason = rules.exact.has(t) ? t : '';
  if (!reason)
    for (const [word, r] of rules.words)
      if (t.includes(word)) {
        reason = r;
        break;
      }
  reason ||= rules.fallback;
  rules.cache.set(t, reason);
  return reason;
}

/** `intent`: the rule set's intent standard, whose letters a portal grade is read by (the 乘用车 standard when not given). */
function prepare(
  params: DefeatedParams,
  today: Today,
  _context?: unknown,
  intent: IntentParams = PASSENGER_INTENT,
): Rules {
  const words: [string, string][] = params.reasons.map((r) => [r, r]);
  for (const [reason, list] of Object.entries(params.synonyms)) for (const w of list) words.push([w, reason]);
  words.sort((a, b) => b[0].length - a[0].length);
  return {
    params,
    today,
    fallback: params.reasons[params.reasons.length - 1]!,
    exact: new Set(params.reasons),
    words,
    cache: new Map(),
    intent,
    known: knownLetters(intent),
    letters: new Map(),
  };
}

const COMPETITOR_REASONS = new Set(['购买竞品', '竞品']);

function reactivated(f: CustomerFacts, i: number, text: string, rules: Rules, out: GradeCursor, why?: Why): void {
  const reason = normaliseDefeatReason(text, rules);
  out.setDetail(reason);
  if (why) {
    const input = f.inputs[i]!;
    const stage = input.stage ?? input.followUp?.stage;
    const now =
      stage === undefined || !Object.hasOwn(VALUE_LABELS, stage)
        ? { zh: '客户', en: 'customer' }
        : { zh: VALUE_LABELS[stage].zh, en: VALUE_LABELS[stage].en.toLowerCase() };
    why.add(
      `曾战败 (${reason}${text !== reason ? `, 原文 “${text}”` : ''}), 现重新作为${now.zh}按意向级别跟进`,
      `once defeated (${reason}), back and graded as a ${now.en} again`,
    );
  }
  return out.set('reactivated', REACTIVATED);
}

function gradeRow(f: CustomerFacts, i: number, rules: Rules, out: GradeCursor, why?: Why): void {
  const stage = f.stage[i] !== NO_STAGE ? f.stage[i]! : f.logStage[i]!;
  const textCode = f.defeatText[i]!;
  const text = textCode === 0 ? undefined : f.texts[textCode]!;
  // No stage on record: a defeat reason, or a letter meaning 战败, makes a defeated lead whatever the letter (letters.ts).
  let conflict: { zh: string; en: string } | undefined;
  if (stage === NO_STAGE || stage === OTHER_STAGE) {
    const givenCode = f.given[i]!;
    const givenText = givenCode === 0 ? '' : f.texts[givenCode]!;
    let read = givenText === '' ? undefined : rules.letters.get(givenText);
    if (read === undefined && givenText !== '')
      rules.letters.set(givenText, (read = readLetter(givenText, rules.intent, rules.known)));
    const verdict = verdictOf(f, i, read, f.givenManual[i] === 1);
    if (verdict.defeated) {
      conflict = verdict.conflict;
      if (conflict) out.flag('gradeConflict');
    } else if (text !== undefined && text.trim() !== '') return reactivated(f, i, text, rules, out, why);
    else {
      why?.add('非战败客户', 'not a defeated customer');
      return out.set(NOT_APPLICABLE, NOT_APPLICABLE_LABEL);
    }
  } else if (stage !== DEFEATED_STAGE) {
    // Came back: a lead (or further) that still carries a defeat reason.
    if (text !== undefined) return reactivated(f, i, text, rules, out, why);
    why?.add('非战败客户', 'not a defeated customer');
    return out.set(NOT_APPLICABLE, NOT_APPLICABLE_LABEL);
  }
  const reason = normaliseDefeatReason(text, rules);
  out.set('defeated', DEFEATED);
  out.setDetail(reason);
  if (why) {
    const input = f.inputs[i]!;
    const competitor = COMPETITOR_REASONS.has(reason) && input.competitor ? ` (${input.competitor})` : '';
    if (text === undefined || text.trim() === '')
      why.add(`无战败原因, 记为${reason}`, `no defeat reason, filed as ${reason}`);
    else if (text.trim() === reason)
      why.add(`战败原因: ${reason}${competitor}`, `defeat reason: ${reason}${competitor}`);
    else
      why.add(
        `战败原因: ${reason}${competitor} (原文 “${text}”)`,
        `defeat reason: ${reason}${competitor} (as written: "${text}")`,
      );
    if (conflict) why.add(conflict.zh, conflict.en);
  }
  const t = rules.today.day;
  const chosen = f.chosen[i]!;
  const field = f.contact[i]!;
  const log = f.logContact[i]!;
  const last = log !== log || field > log ? field : log;
  if (chosen === chosen && !(field > log)) {
    why?.add('按约定日期回访', 'win-back call on the agreed date');
    return out.dueOn(chosen);
  }
  if (last !== last) {
    why?.add(
      `战败回访每 ${rules.params.winBackCadenceDays} 天; 无联系记录, 今天应回访`,
      `win-back call every ${rules.params.winBackCadenceDays} days; no contact on record, due today`,
    );
    return out.dueOn(t);
  }
  out.dueOn(last + rules.params.winBackCadenceDays);
  why?.add(
    `战败回访: 距上次联系已 ${t - last} 天, 标准 ${rules.params.winBackCadenceDays} 天`,
    `win-back call: ${t - last} days since the last contact, standard ${rules.params.winBackCadenceDays} days`,
  );
  return;
}

function validate(params: unknown, path: string, errors: ValidationError[]): void {
  const c = new Checker(errors);
  if (!c.object(params, path, ['enabled', 'reasons', 'synonyms', 'winBackCadenceDays'])) return;
  c.bool(params.enabled, join(path, 'enabled'));
  const reasonsOk = c.list(params.reasons, join(path, 'reasons'), null);
  if (reasonsOk && (params.reasons as string[]).length === 0)
    c.fail(join(path, 'reasons'), '至少需要一个原因', 'needs at least one reason');
  c.days(params.winBackCadenceDays, join(path, 'winBackCadenceDays'), 1);
  const sp = join(path, 'synonyms');
  if (!isRecord(params.synonyms)) {
    c.fail(sp, '应为一组原因关键词', 'must be an object of reason keywords');
    return;
  }
  for (const [reason, words] of Object.entries(params.synonyms)) {
    if (reasonsOk && !(params.reasons as string[]).includes(reason))
      c.fail(join(sp, reason), `“${reason}” 不在原因列表中`, `"${reason}" is not in the reason list`);
    c.list(words, join(sp, reason), null);
  }
}

export const defeated: StandardDefinition<DefeatedParams, Rules> = {
  id: 'defeated',
  name: { zh: '战败客户', en: 'Defeated customers' },
  grades: [
    { id: 'defeated', label: DEFEATED },
    { id: 'reactivated', label: REACTIVATED },
  ],
  defaults: DEFEATED_DEFAULTS,
  validate,
  prepare,
  gradeRow,
  grade: gradeOne(gradeRow),
};
