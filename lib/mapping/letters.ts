// What a portal's grade letters mean. Portals differ: on some D is a defeated
// lead (战败), on others a delivered customer; the user says which in the
// capture preview, the site profile keeps it, and a captured letter with a
// meaning is stored with it ("D（战败）", lib/customer annotateGrade) so
// grading reads it the portal's way. The preview starts from a guess read off
// the rows: a letter whose rows mostly carry a defeat reason is a defeated
// lead; one whose rows mostly have the same stage in a stage column is that
// stage.
import { annotateGrade, readPortalGrade, type FieldName, type LetterMeaning } from '../customer';
import { isEmptyCell, type ColumnMapping } from './cells';
import { parseStage, type ParseResult } from './parse';

/** Letter -> meaning, as a site profile keeps it. */
export type LetterMeanings = Readonly<Record<string, LetterMeaning>>;

export interface LetterGuess {
  /** The letter as the portal writes it (trimmed). */
  letter: string;
  /** Rows that carry it. */
  rows: number;
  /** The meaning read off the rows, when they say so clearly. */
  meaning?: LetterMeaning;
  /** Why the guess: how many of its rows carry the evidence. */
  why?: { zh: string; en: string };
}

/** Share of a letter's rows that must carry the evidence ("mostly"). */
export const GUESS_SHARE = 0.6;
/** A column with more distinct values than this holds no letters (names, free text). */
export const MAX_LETTERS = 16;
const MAX_LETTER_LENGTH = 8;

const STAGE_WORDS: Record<LetterMeaning, { zh: string; en: string }> = {
  lead: { zh: '潜在客户', en: 'lead' },
  ordered: { zh: '订车客户', en: 'ordered' },
  delivered: { zh: '交车客户', en: 'delivered' },
  owner: { zh: '保有客户', en: 'owner' },
  defeated: { zh: '战败客户', en: 'defeated' },
};

const columnOf = (mapping: readonly ColumnMapping[], field: FieldName): number =>
  mapping.find((m) => m.field === field)?.index ?? -1;

/**
 * The letters of the column mapped to the portal grade, most rows first, each
 * with a guess when its rows say clearly what it means. [] when no column is
 * mapped to the portal grade or it holds more than a handful of values.
 */
export function guessLetters(rows: readonly (readonly string[])[], mapping: readonly ColumnMapping[]): LetterGuess[] {
  const gradeAt = columnOf(mapping, 'portalGrade');
  if (gradeAt < 0) return [];
  const defeatAt = columnOf(mapping, 'defeatReason');
  const stageAt = columnOf(mapping, 'stage');
  const tally = new Map<string, { rows: number; defeat: number; stages: Map<LetterMeaning, number> }>();
  for (const row of rows) {
    const raw = row[gradeAt];
    if (isEmptyCell(raw)) continue;
    // A value stored with its meaning (a re-imported export) is its letter.
    const letter = readPortalGrade(raw!.trim()).letter.trim();
    if (letter.length > MAX_LETTER_LENGTH) return [];
    let t = tally.get(letter);
    if (!t) {
      if (tally.size >= MAX_LETTERS) return [];
      tally.set(letter, (t = { rows: 0, defeat: 0, stages: new Map() }));
    }
    t.rows++;
    if (defeatAt >= 0 && !isEmptyCell(row[defeatAt])) t.defeat++;
    if (stageAt >= 0 && !isEmptyCell(row[stageAt])) {
      const stage = parseStage(row[stageAt]!);
      if (stage.ok) t.stages.set(stage.value, (t.stages.get(stage.value) ?? 0) + 1);
    }
  }
  return [...tally]
    .map(([letter, t]): LetterGuess => {
      if (t.defeat / t.rows >= GUESS_SHARE) {
        return {
          letter,
          rows: t.rows,
          meaning: 'defeated',
          why: {
            zh: `${t.rows} 行中 ${t.defeat} 行有战败原因`,
            en: `${t.defeat} of its ${t.rows} rows carry a defeat reason`,
          },
        };
      }
      let best: [LetterMeaning, number] | undefined;
      for (const entry of t.stages) if (!best || entry[1] > best[1]) best = entry;
      if (best && best[1] / t.rows >= GUESS_SHARE) {
        const w = STAGE_WORDS[best[0]];
        return {
          letter,
          rows: t.rows,
          meaning: best[0],
          why: {
            zh: `${t.rows} 行中 ${best[1]} 行的阶段为${w.zh}`,
            en: `${best[1]} of its ${t.rows} rows have the stage ${w.en}`,
          },
        };
      }
      return { letter, rows: t.rows };
    })
    .sort((a, b) => b.rows - a.rows || a.letter.localeCompare(b.letter));
}

/**
 * The meanings a capture starts with: a site profile's where it has one for
 * the letter, else the guess. `source` says which, for the preview.
 */
export function startingMeanings(
  guesses: readonly LetterGuess[],
  profile: LetterMeanings | undefined,
): Record<string, { meaning: LetterMeaning; source: 'profile' | 'guess' }> {
  const out: Record<string, { meaning: LetterMeaning; source: 'profile' | 'guess' }> = {};
  for (const g of guesses) {
    const saved = profile && Object.hasOwn(profile, g.letter) ? profile[g.letter] : undefined;
    if (saved) out[g.letter] = { meaning: saved, source: 'profile' };
    else if (g.meaning) out[g.letter] = { meaning: g.meaning, source: 'guess' };
  }
  return out;
}

/** The portal grade parser of a capture with letter meanings: a letter with a meaning is stored with it. */
export function withLetterMeanings(
  parse: (raw: string) => ParseResult<unknown>,
  letters: LetterMeanings,
): (raw: string) => ParseResult<unknown> {
  return (raw) => {
    const result = parse(raw);
    if (!result.ok || typeof result.value !== 'string') return result;
    const { letter, meaning } = readPortalGrade(result.value);
    const key = letter.trim();
    const wanted = Object.hasOwn(letters, key) ? letters[key] : undefined;
    if (!wanted || wanted === meaning) return result;
    return { ok: true, value: annotateGrade(key, wanted) };
  };
}
