// The letter meanings of one capture preview: the guesses for the column
// mapped to 系统原级别, the saved profile's meanings and the user's choices,
// and the meanings a commit sends (lib/mapping/letters.ts).
import { useCallback, useMemo, useState } from 'react';
import type { LetterMeaning } from '@/lib/customer';
import { guessLetters, startingMeanings, type ColumnMapping, type LetterGuess } from '@/lib/mapping';
import type { CapturePreview, UserLetters } from '@/lib/capture';
import type { LetterChoices } from './LetterMeanings';

export function useLetterChoices(
  preview: CapturePreview | null,
  mapping: ColumnMapping[],
): {
  guesses: LetterGuess[];
  choices: LetterChoices;
  final: UserLetters;
  choose: (letter: string, meaning: LetterMeaning | null) => void;
} {
  const [user, setUser] = useState<Record<string, LetterMeaning | null>>({});
  const guesses = useMemo(() => (preview ? guessLetters(preview.table.rows, mapping) : []), [preview, mapping]);
  const saved = preview?.profile?.letters;
  const choices = useMemo(() => {
    const out: LetterChoices = {};
    for (const [letter, start] of Object.entries(startingMeanings(guesses, saved))) out[letter] = start;
    for (const [letter, meaning] of Object.entries(user)) out[letter] = { meaning, source: 'user' };
    return out;
  }, [guesses, saved, user]);
  // The profile keeps the meanings of letters this page does not show (another page of the same list may).
  const final = useMemo(() => {
    const out: UserLetters = { ...saved };
    for (const g of guesses) {
      const meaning = choices[g.letter]?.meaning;
      if (meaning) out[g.letter] = meaning;
      else delete out[g.letter];
    }
    return out;
  }, [saved, guesses, choices]);
  const choose = useCallback(
    (letter: string, meaning: LetterMeaning | null) => setUser((prev) => ({ ...prev, [letter]: meaning })),
    [],
  );
  return { guesses, choices, final, choose };
}
