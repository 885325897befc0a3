import { useCallback, useMemo, useState } from 'react';
import type { DealerLensDB } from '@/lib/db';
import { allViews, type View } from '@/lib/views';
import { saveViews } from '@/components/workbench/settings';

const NO_VIEWS: readonly View[] = [];

/** The built-in views (and this visit's temporary ones, never saved) and the user's own; `persist` keeps the user's in the settings. */
export function useSavedViews(db: DealerLensDB, fail: (e: unknown) => void, temporary: readonly View[] = NO_VIEWS) {
  const [saved, setSaved] = useState<View[]>([]);
  const views = useMemo(() => allViews(saved, temporary), [saved, temporary]);
  const persist = useCallback(
    (next: View[]) => {
      setSaved(next.filter((v) => !v.builtIn));
      void saveViews(db, next).catch(fail);
    },
    [db, fail],
  );
  return { views, setSaved, persist };
}
