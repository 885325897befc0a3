// The bench's baseline (docs/architecture.md#performance-budgets: "within 1.2x of a bare ag-grid-community
// grid given the same rows"): the same rows (workbench.rows.ts, built in the
// page, and optionally cloned as IndexedDB returns them) in a grid with nothing but a column per field, default filters and
// sorting. Its columns take the widths the workbench's grid gives them, so the
// two paint the same columns in the same box (at ag-grid's default 200 px the
// bare grid showed about 6 columns to the workbench's 10). Bundled by esbuild
// into a plain page; not part of the extension.
import { AllCommunityModule, createGrid, ModuleRegistry, type ColDef, type GridApi } from 'ag-grid-community';
import { FIELD_NAMES } from '../../lib/customer';
import type { StoredCustomer } from '../../lib/db/types';
import { STANDARD_IDS } from '../../lib/grading';
import { makeWorkbenchRows } from './workbench.rows';

ModuleRegistry.registerModules([AllCommunityModule]);

/** A column's width and visibility in the workbench's grid, by column id (= field). */
export type ColumnWidths = Record<string, { width?: number; hide?: boolean | null }>;

/**
 * `asStored`: the rows as IndexedDB hands them out (a structured clone, the
 * same V8 deserializer), as the workbench has them; otherwise as built in the
 * page. Profiled, ag-grid resolves a field about 1.6x slower on the former.
 */
function start(
  host: HTMLElement,
  count: number,
  seed: number,
  nowMs: number,
  widths: ColumnWidths = {},
  asStored = false,
): number {
  const built = makeWorkbenchRows(count, seed, new Date(nowMs));
  const rows = asStored ? structuredClone(built) : built;
  const column = (field: string) =>
    ({ field, width: widths[field]?.width, hide: widths[field]?.hide ?? undefined }) as ColDef<StoredCustomer>;
  const columnDefs: ColDef<StoredCustomer>[] = [
    ...[
      'name',
      ...STANDARD_IDS.map((s) => `grades.${s}`),
      'grades.nextDueAt',
      'grades.overdueDays',
      'grades.serviceDueAt',
    ].map(column),
    ...FIELD_NAMES.filter((f) => f !== 'name').map(column),
  ];
  const t0 = performance.now();
  const api: GridApi<StoredCustomer> = createGrid(host, {
    columnDefs,
    rowData: rows,
    defaultColDef: { filter: true },
    onFirstDataRendered: () => requestAnimationFrame(() => setTimeout(() => performance.mark('bare:first-rows'), 0)),
  });
  Object.assign(globalThis, { __bareApi: api });
  return t0;
}

Object.assign(globalThis, { __bare: { start } });
