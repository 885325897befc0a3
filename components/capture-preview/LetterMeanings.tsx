// What the portal's grade letters mean (capture preview, file import too):
// one row per letter of the column mapped to 系统原级别, with the meaning a
// saved site profile gives it, else the guess read off its rows (and why),
// else "as the grading rules read it". The choice is saved in the site
// profile and applied to later captures (lib/mapping/letters.ts).
import { LETTER_MEANINGS, type LetterMeaning } from '@/lib/customer';
import type { LetterGuess } from '@/lib/mapping';
import { LETTER_MESSAGES as M } from './letterMessages';

export type LetterSource = 'profile' | 'guess' | 'user';
export type LetterChoices = Record<string, { meaning: LetterMeaning | null; source: LetterSource }>;

export function LetterMeanings(props: {
  guesses: readonly LetterGuess[];
  choices: LetterChoices;
  onChange: (letter: string, meaning: LetterMeaning | null) => void;
}) {
  if (props.guesses.length === 0) return null;
  return (
    <section className="letters" aria-label={`${M.title.zh} / ${M.title.en}`}>
      <h2>
        {M.title.zh} <span className="en-inline">{M.title.en}</span>
      </h2>
      <p className="hint">
        {M.hint.zh}
        <span className="en">{M.hint.en}</span>
      </p>
      <div className="scroll">
        <table className="mapping letter-table">
          <thead>
            <tr>
              <th>
                {M.letter.zh} {M.letter.en}
              </th>
              <th>
                {M.rows.zh} {M.rows.en}
              </th>
              <th>
                {M.meaning.zh} {M.meaning.en}
              </th>
              <th>
                {M.why.zh} {M.why.en}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.guesses.map((g) => {
              const choice = props.choices[g.letter];
              const meaning = choice?.meaning ?? null;
              return (
                <tr key={g.letter}>
                  <td className="letter">{g.letter}</td>
                  <td>{g.rows}</td>
                  <td>
                    <select
                      aria-label={`${M.meaning.zh} ${g.letter}`}
                      value={meaning ?? ''}
                      onChange={(e) => props.onChange(g.letter, (e.target.value || null) as LetterMeaning | null)}
                    >
                      <option value="">
                        {M.byRules.zh} / {M.byRules.en}
                      </option>
                      {LETTER_MEANINGS.map((m) => (
                        <option key={m} value={m}>
                          {M[m].zh} / {M[m].en}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="via">{whyOf(g, choice?.source, meaning)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function whyOf(g: LetterGuess, source: LetterSource | undefined, meaning: LetterMeaning | null): string {
  if (source === 'profile') return `${M.fromProfile.zh} / ${M.fromProfile.en}`;
  if (source === 'user') return `${M.manual.zh} / ${M.manual.en}`;
  if (source === 'guess' && meaning && g.why) return `${M.guessed.zh}: ${g.why.zh} / ${M.guessed.en}: ${g.why.en}`;
  return '—';
}
