// The column menu (docs/workbench.md#the-grid): show or hide each column of the grid
// (the name stays), or show them all; the grid remembers the result.
import { useState, type RefObject } from 'react';
import type { ColumnState } from 'ag-grid-community';
import { useLocale } from '@/components/i18n/LocaleContext';
import type { CustomerGridHandle, GridColumnInfo } from '@/components/customer-grid/CustomerGrid';
import { MESSAGES } from './messages';

export interface ColumnMenuProps {
  grid: RefObject<CustomerGridHandle | null>;
  /** The columns as they are after a change: to remember. */
  onColumnsChanged(state: ColumnState[]): void;
}

export function ColumnMenu({ grid, onColumnsChanged }: ColumnMenuProps) {
  const { t } = useLocale();
  const [columns, setColumns] = useState<GridColumnInfo[]>([]);

  const changed = (g: CustomerGridHandle) => {
    setColumns(g.columns());
    onColumnsChanged(g.columnState());
  };
  const toggle = (id: string, visible: boolean) => {
    const g = grid.current;
    if (!g) return;
    g.setColumnVisible(id, visible);
    changed(g);
  };
  const showAll = () => {
    const g = grid.current;
    if (!g) return;
    g.api.setColumnsVisible(
      g.columns().map((c) => c.id),
      true,
    );
    changed(g);
  };

  return (
    <details
      className="wb-menu"
      onToggle={(e) => (e.currentTarget.open ? setColumns(grid.current?.columns() ?? []) : undefined)}
    >
      <summary>{t(MESSAGES.columns)}</summary>
      <div className="wb-menu-panel wb-column-panel">
        <button type="button" onClick={showAll}>
          {t(MESSAGES.showAll)}
        </button>
        {columns.map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              checked={c.visible}
              disabled={c.id === 'name'}
              onChange={(e) => toggle(c.id, e.target.checked)}
            />
            {c.label}
          </label>
        ))}
      </div>
    </details>
  );
}
