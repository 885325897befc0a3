// The grade menu (docs/workbench.md#views): pick grades of any standard to narrow the
// open view; the grades are named as the active rule set names them.
import { STANDARDS, type IntentParams, type StandardId } from '@/lib/grading';
import { pick } from '@/lib/i18n';
import { useLocale } from '@/components/i18n/LocaleContext';
import { gradeLabelsFor } from '@/components/customer-grid/columns';
import type { GradePicks } from '@/components/hooks';
import { MESSAGES } from './messages';

export interface GradeFilterMenuProps {
  picks: GradePicks;
  /** How many grades are picked, over every standard. */
  count: number;
  intent: IntentParams | undefined;
  onToggle(standard: StandardId, grade: string, on: boolean): void;
  onClear(): void;
}

export function GradeFilterMenu({ picks, count, intent, onToggle, onClear }: GradeFilterMenuProps) {
  const { locale, t } = useLocale();
  return (
    <details className="wb-menu">
      <summary>{count ? t(MESSAGES.gradesOn, { n: count }) : t(MESSAGES.grades)}</summary>
      <div className="wb-menu-panel wb-grade-panel">
        {STANDARDS.map((s) => (
          <fieldset key={s.id}>
            <legend>{pick(s.name, locale)}</legend>
            {[...gradeLabelsFor(s.id, intent)].map(([grade, label]) => (
              <label key={grade}>
                <input
                  type="checkbox"
                  checked={picks[s.id]?.includes(grade) ?? false}
                  onChange={(e) => onToggle(s.id, grade, e.target.checked)}
                />
                {pick(label, locale)}
              </label>
            ))}
          </fieldset>
        ))}
        {count > 0 && (
          <button type="button" onClick={onClear}>
            {t(MESSAGES.clearGrades)}
          </button>
        )}
      </div>
    </details>
  );
}
