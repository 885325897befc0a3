// A portal's grade letters are the portal's. Portals differ in what a letter
// means (on some D is a defeated lead, 战败; on the 乘用车 standard it is a
// delivered customer; on the purchase funnel a lead not buying within 12
// months), so the intent and defeated standards read a portal grade here:
// by the meaning the user gave it in the capture preview ("D（战败）"), else
// by the rule set, else as a stage word (a 级别 column holding 战败 or 订车).
// A defeat reason is evidence of a defeated lead whatever the letter; a letter
// that clashes with the other columns is a conflict, and both readings go
// into the reason (docs/grading.md).
import { readPortalGrade, VALUE_LABELS, type Stage } from '../customer';
import { parseStage } from '../mapping';
import { EXTRA_KEYS } from './extra';
import type { CustomerFacts } from './facts';
import type { IntentParams } from './intent-params';
import { label, type Bilingual } from './input';

/** What a letter stands for under a rule set: a lead band, a stage grade, a defeated lead, a lead of no band here. */
export type LetterKind = 'band' | 'ordered' | 'delivered' | 'owner' | 'defeated' | 'lead';

export interface LetterRead {
  /** The rule set's grade id the letter stands for; '' when none (defeated, or unknown). */
  gradeId: string;
  /** '' when the rule set has no such grade and the text is no stage word. */
  kind: LetterKind | '';
  /** The letter as the portal wrote it. */
  letter: string;
  /** True when the user said what the letter means (capture preview). */
  stated: boolean;
}

/** The words of a stage grade: "O 订车客户", and a grade id that is already a word alone ("订车" reads 订车客户, never "订车 订车客户"). */
export function stageGradeLabel(grade: string, stage: 'ordered' | 'delivered' | 'owner'): Bilingual {
  const words = VALUE_LABELS[stage];
  const stem = words.zh.replace(/客户$/, '');
  if (grade === words.zh || grade === stem) return label(words.zh, `${words.en} customer`);
  if (/^[A-Za-z0-9]{1,2}$/.test(grade)) return label(`${grade} ${words.zh}`, `${grade} ${words.en.toLowerCase()}`);
  return label(`${grade}（${words.zh}）`, `${grade} (${words.en.toLowerCase()})`);
}

/** The words of a lead band: "H级", and a band named by a word alone as it is. */
export function bandLabel(grade: string): Bilingual {
  return /^[A-Za-z0-9]{1,2}$/.test(grade) ? label(`${grade}级`, `Grade ${grade}`) : label(grade, grade);
}

/** Every intent grade of a rule set with its words, in order: lead bands, then O, D, M. */
export function intentGradeLabels(params: IntentParams): { id: string; label: Bilingual; kind: LetterKind }[] {
  return [
    ...params.bands.map((b) => ({ id: b.grade, label: bandLabel(b.grade), kind: 'band' as const })),
    { id: params.ordered.grade, label: stageGradeLabel(params.ordered.grade, 'ordered'), kind: 'ordered' as const },
    {
      id: params.delivered.grade,
      label: stageGradeLabel(params.delivered.grade, 'delivered'),
      kind: 'delivered' as const,
    },
    { id: params.owner.grade, label: stageGradeLabel(params.owner.grade, 'owner'), kind: 'owner' as const },
  ];
}

/** Grade text -> grade id of the rule set ('h', 'H级', 'A类', ' B '), '' when none. */
export function gradeIdOf(text: string, known: ReadonlyMap<string, { kind: LetterKind }>): string {
  const t = text.trim();
  const upper = t.toUpperCase();
  if (known.has(t)) return t;
  if (known.has(upper)) return upper;
  const stripped = upper.replace(/[级類类]$|^级别|^等级/g, '').trim();
  return known.has(stripped) ? stripped : '';
}

function gradeOfStage(
  stage: Stage,
  letter: string,
  params: IntentParams,
  known: ReadonlyMap<string, { kind: LetterKind }>,
): { gradeId: string; kind: LetterKind } {
  switch (stage) {
    case 'defeated':
      return { gradeId: '', kind: 'defeated' };
    case 'ordered':
    case 'delivered':
    case 'owner':
      return { gradeId: params[stage].grade, kind: stage };
    case 'lead': {
      // A letter the user called a lead is one of this rule set's bands, or a lead of no band here.
      const id = gradeIdOf(letter, known);
      return id && known.get(id)!.kind === 'band' ? { gradeId: id, kind: 'band' } : { gradeId: '', kind: 'lead' };
    }
  }
}

/** How a rule set reads a stored grade text. */
export function readLetter(
  text: string,
  params: IntentParams,
  known: ReadonlyMap<string, { kind: LetterKind }>,
): LetterRead {
  const { letter, meaning } = readPortalGrade(text);
  if (meaning) return { ...gradeOfStage(meaning, letter, params, known), letter, stated: true };
  const id = gradeIdOf(letter, known);
  if (id) return { gradeId: id, kind: known.get(id)!.kind, letter, stated: false };
  // A 级别 column that holds stage words (战败, 订单, 成交) beside its letters.
  const stage = letter.trim().length > 1 ? parseStage(letter) : undefined;
  if (stage?.ok) return { ...gradeOfStage(stage.value, letter, params, known), letter, stated: false };
  return { gradeId: '', kind: '', letter, stated: false };
}

/** The rule set's letters for readLetter. */
export function knownLetters(params: IntentParams): Map<string, { kind: LetterKind }> {
  return new Map(intentGradeLabels(params).map((g) => [g.id, { kind: g.kind }]));
}

export interface Verdict {
  defeated: boolean;
  /** Both readings, when the letter clashes with the other columns. */
  conflict?: Bilingual;
}

const NOT_DEFEATED: Verdict = { defeated: false };
const DEFEATED_PLAIN: Verdict = { defeated: true };

const KIND_WORDS: Record<LetterKind, Bilingual> = {
  band: { zh: '意向级别', en: 'a lead grade' },
  lead: { zh: '潜在客户', en: 'a lead' },
  ordered: { zh: VALUE_LABELS.ordered.zh, en: 'an ordered customer' },
  delivered: { zh: VALUE_LABELS.delivered.zh, en: 'a delivered customer' },
  owner: { zh: VALUE_LABELS.owner.zh, en: 'an owner' },
  defeated: { zh: VALUE_LABELS.defeated.zh, en: 'a defeated lead' },
};

const HINT: Bilingual = {
  zh: '如本系统的级别含义不同, 请在导入预览的“级别含义”中设定',
  en: 'if this portal\'s grades mean otherwise, set "What the portal\'s grades mean" in the capture preview',
};

/**
 * Whether a customer with no stage on record (none captured, none logged) is
 * a defeated lead, by its grade letter and its other columns. `read` is the
 * given grade read by readLetter (undefined when none); `manual` when it is
 * the consultant's (a consultant who grades a defeated customer again has
 * taken the lead back: no evidence rule).
 */
export function verdictOf(f: CustomerFacts, i: number, read: LetterRead | undefined, manual: boolean): Verdict {
  const reasonCode = f.defeatText[i]!;
  const reason = reasonCode === 0 ? '' : f.texts[reasonCode]!.trim();
  const kind = read?.kind ?? '';
  const held = f.heldSince[i]! === f.heldSince[i]!;
  if (kind === 'defeated') {
    if (!held) return DEFEATED_PLAIN;
    return conflict(
      read!,
      { zh: '有交车或购车日期', en: 'has a delivery or purchase date' },
      { zh: '已成交的客户', en: 'a customer who bought' },
      true,
    );
  }
  if (reason === '' || manual) return NOT_DEFEATED;
  if (kind === '') return DEFEATED_PLAIN;
  const because = { zh: `有战败原因 “${reason}”`, en: `has a defeat reason ("${reason}")` };
  switch (kind) {
    case 'delivered':
      if (held) return NOT_DEFEATED;
      return conflict(
        read!,
        { zh: `${because.zh}且无交车或购车日期`, en: `${because.en} and no delivery or purchase date` },
        { zh: '交车客户 (缺交车日期)', en: 'a delivered customer missing its delivery date' },
      );
    case 'owner':
      if (held || f.holds[i] === 1 || f.lastService[i]! === f.lastService[i]!) return NOT_DEFEATED;
      return conflict(
        read!,
        {
          zh: `${because.zh}且无购车、车辆或进站记录`,
          en: `${because.en} and no purchase, vehicle or service on record`,
        },
        { zh: '保有客户 (缺车辆资料)', en: 'an owner missing the vehicle data' },
      );
    case 'ordered':
      if (held || f.inputs[i]?.extra?.[EXTRA_KEYS.expectedDeliveryAt]) return NOT_DEFEATED;
      return conflict(
        read!,
        {
          zh: `${because.zh}且无订车迹象 (无交车、购车或预计交车日期)`,
          en: `${because.en} and no sign of an order (no delivery, purchase or expected delivery date)`,
        },
        { zh: '订车客户', en: 'an ordered customer' },
      );
    default:
      return conflict(read!, because, {
        zh: '已重新跟进的潜在客户 (若如此, 请把阶段设为潜在客户)',
        en: 'a lead taken back (if so, set the stage to lead)',
      });
  }
}

/** Defeated, with both readings: the letter's and the other columns'. `letterWins`: the letter says defeated. */
function conflict(read: LetterRead, columns: Bilingual, other: Bilingual, letterWins = false): Verdict {
  const as = KIND_WORDS[read.kind as LetterKind];
  const letter = `“${read.letter}”`;
  const said = read.stated
    ? { zh: '按本系统设定', en: 'as set for this portal' }
    : { zh: '按本规则', en: 'by these rules' };
  if (letterWins) {
    return {
      defeated: true,
      conflict: {
        zh: `级别冲突: 系统原级别 ${letter} ${said.zh}为${as.zh}, 但${columns.zh}: 按战败客户跟进, 也可能是${other.zh}; ${HINT.zh}`,
        en: `grade conflict: portal grade "${read.letter}" reads as ${as.en} ${said.en}, but the row ${columns.en}: followed up as defeated, or it may be ${other.en}; ${HINT.en}`,
      },
    };
  }
  return {
    defeated: true,
    conflict: {
      zh: `级别冲突: 系统原级别 ${letter} ${said.zh}为${as.zh}, 但${columns.zh}: 按战败客户跟进 (本系统的 ${letter} 可能表示战败), 也可能是${other.zh}; ${HINT.zh}`,
      en: `grade conflict: portal grade "${read.letter}" reads as ${as.en} ${said.en}, but the row ${columns.en}: followed up as a defeated lead (this portal's "${read.letter}" may mean defeated), or it may be ${other.en}; ${HINT.en}`,
    },
  };
}
