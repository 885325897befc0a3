import { useCallback, useState } from 'react';
import type { StandardId } from '@/lib/grading';

/** Grades picked in the grade menu, per standard: they narrow the open view. */
export type GradePicks = Partial<Record<StandardId, string[]>>;

export function useGradePicks() {
  const [picks, setPicks] = useState<GradePicks>({});
  const toggle = useCallback(
    (standard: StandardId, grade: string, on: boolean) =>
      setPicks((p) => {
        const current = new Set(p[standard] ?? []);
        if (on) current.add(grade);
        else current.delete(grade);
        return { ...p, [standard]: [...current] };
      }),
    [],
  );
  const clear = useCallback(() => setPicks({}), []);
  const count = Object.values(picks).reduce((n, g) => n + (g?.length ?? 0), 0);
  return { picks, toggle, clear, count };
}
