import { useCallback, useRef } from 'react';
import type { ColumnState } from 'ag-grid-community';
import type { DealerLensDB } from '@/lib/db';
import { saveColumns } from '@/components/workbench/settings';

/**
 * The grid's columns as the user left them: kept at once for the next view
 * opened, written to the settings once a drag or resize has paused.
 */
export function useColumnMemory(db: DealerLensDB, fail: (e: unknown) => void) {
  const remembered = useRef<ColumnState[] | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const changed = useCallback(
    (state: ColumnState[]) => {
      remembered.current = state;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveColumns(db, state).catch(fail), 300);
    },
    [db, fail],
  );
  return { remembered, changed };
}
