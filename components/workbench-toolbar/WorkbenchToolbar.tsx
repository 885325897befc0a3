// The workbench's toolbar (docs/workbench.md#the-grid): grade picks, columns, reveal the
// masked numbers, clear the column filters, re-read every customer, and the
// host's slot (bulk actions, export) on the right.
import type { ReactNode, RefObject } from 'react';
import type { ColumnState } from 'ag-grid-community';
import { useLocale } from '@/components/i18n/LocaleContext';
import type { CustomerGridHandle } from '@/components/customer-grid/CustomerGrid';
import { ColumnMenu } from '@/components/column-menu/ColumnMenu';
import { GradeFilterMenu, type GradeFilterMenuProps } from '@/components/grade-filter-menu/GradeFilterMenu';
import { MESSAGES } from './messages';

export interface WorkbenchToolbarProps {
  grid: RefObject<CustomerGridHandle | null>;
  grades: GradeFilterMenuProps;
  onColumnsChanged(state: ColumnState[]): void;
  revealed: boolean;
  onReveal(revealed: boolean): void;
  onRefresh(): void;
  /** The open view shows "my customers" and the user has not said who they are. */
  meMissing: boolean;
  children?: ReactNode;
}

export function WorkbenchToolbar({
  grid,
  grades,
  onColumnsChanged,
  revealed,
  onReveal,
  onRefresh,
  meMissing,
  children,
}: WorkbenchToolbarProps) {
  const { t } = useLocale();
  return (
    <div className="wb-toolbar" role="toolbar">
      <GradeFilterMenu {...grades} />
      <ColumnMenu grid={grid} onColumnsChanged={onColumnsChanged} />
      <button type="button" aria-pressed={revealed} onClick={() => onReveal(!revealed)}>
        {revealed ? t(MESSAGES.hide) : t(MESSAGES.reveal)}
      </button>
      <button type="button" onClick={() => grid.current?.api.setFilterModel(null)}>
        {t(MESSAGES.clearFilters)}
      </button>
      <button type="button" onClick={onRefresh}>
        {t(MESSAGES.refresh)}
      </button>
      {meMissing && <span className="wb-hint">{t(MESSAGES.meMissing)}</span>}
      <div className="wb-toolbar-slot">{children}</div>
    </div>
  );
}
