// The selection column's "select all" box, a plain DOM header component in
// place of ag-grid's own header checkbox. ag-grid's box works out its state
// by walking every row, twice, after every sort and filter (getSelectAllState
// and hasNodesToSelect over all 100,000 nodes): that walk was most of what a
// workbench sort cost over a bare grid (docs/architecture.md#performance-budgets figure).
// This one reads only the selected rows: nothing selected, nothing to walk.
// It selects what the grid shows (ag-grid's 'filtered' mode), so a bulk
// action never reaches customers a view or a search has hidden.
import type { GridApi, IHeaderComp, IHeaderParams, IRowNode } from 'ag-grid-community';

/** true: every shown row selected; false: none of them; null: some. */
export type SelectAllState = boolean | null;

/** The box's state from the selected rows and the number of rows shown. */
export function selectAllState(selected: readonly Pick<IRowNode, 'displayed'>[], shownCount: number): SelectAllState {
  if (selected.length === 0 || shownCount === 0) return false;
  let shown = 0;
  for (const node of selected) if (node.displayed) shown++;
  return shown === 0 ? false : shown === shownCount ? true : null;
}

export interface SelectAllHeaderParams extends IHeaderParams {
  /** The box's accessible name, in the user's language. */
  label: string;
}

export class SelectAllHeader implements IHeaderComp {
  private readonly gui = document.createElement('div');
  private readonly wrapper = document.createElement('div');
  private readonly input = document.createElement('input');
  private api!: GridApi;
  private gridHeader: HTMLElement | undefined;
  private readonly current = () => selectAllState(this.api.getSelectedNodes(), this.api.getDisplayedRowCount());
  // The grid sends its events to API listeners a task later: the box catches up then.
  private readonly update = () => {
    // A task late, the grid may have been destroyed meanwhile (the workbench closed or remounted).
    if (!this.api.isDestroyed()) this.show(this.current());
  };
  private readonly toggle = () => {
    // From some or none: all shown rows; from all: none. Read now, not from the box, which may be a task behind.
    if (this.current() === true) this.api.deselectAll('filtered', 'uiSelectAll');
    else this.api.selectAll('filtered', 'uiSelectAll');
  };
  // Not preventDefault: a cancelled click would put back the box's old tick after
  // show() has set the grid's new state on it.
  private readonly onClick = () => this.toggle();
  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== ' ') return;
    e.preventDefault();
    this.toggle();
  };

  init(params: SelectAllHeaderParams): void {
    // ag-grid's own checkbox classes, so the box looks like the rows' boxes.
    this.gui.className = 'ag-labeled ag-label-align-right ag-checkbox ag-input-field ag-header-select-all';
    this.gui.setAttribute('role', 'presentation');
    this.wrapper.className = 'ag-wrapper ag-input-wrapper ag-checkbox-input-wrapper';
    this.wrapper.setAttribute('role', 'presentation');
    this.input.type = 'checkbox';
    this.input.className = 'ag-input-field-input ag-checkbox-input';
    this.input.tabIndex = -1;
    this.input.setAttribute('data-testid', 'select-all');
    this.wrapper.append(this.input);
    this.gui.append(this.wrapper);
    this.api = params.api;
    this.input.addEventListener('click', this.onClick);
    // Focus sits on the header cell when the keyboard reaches it.
    this.gridHeader = params.eGridHeader;
    this.gridHeader?.addEventListener('keydown', this.onKeyDown);
    this.api.addEventListener('selectionChanged', this.update);
    this.api.addEventListener('modelUpdated', this.update);
    this.refresh(params);
    this.update();
  }
  getGui(): HTMLElement {
    return this.gui;
  }
  refresh(params: SelectAllHeaderParams): boolean {
    this.input.setAttribute('aria-label', params.label);
    return true;
  }
  destroy(): void {
    this.input.removeEventListener('click', this.onClick);
    this.gridHeader?.removeEventListener('keydown', this.onKeyDown);
    if (!this.api.isDestroyed()) {
      this.api.removeEventListener('selectionChanged', this.update);
      this.api.removeEventListener('modelUpdated', this.update);
    }
  }

  private show(state: SelectAllState): void {
    this.input.checked = state === true;
    this.input.indeterminate = state === null;
    this.input.setAttribute('aria-checked', state === null ? 'mixed' : String(state));
    this.wrapper.classList.toggle('ag-checked', state === true);
    this.wrapper.classList.toggle('ag-indeterminate', state === null);
  }
}
