// The bench's baseline (issue #4: "within 1.2x of a bare ag-grid-community
// grid given the same rows"): the same rows (workbench.rows.ts, built in the
// page) in a grid with nothing but a column per field, default filters and
// sorting. Bundled by esbuild into a plain page; not part of the extension.
import { AllCommunityModule, createGrid, ModuleRegistry, type ColDef, type GridApi } from 'ag-grid-community';
import { FIELD_NAMES } from '../../lib/customer';
import type { StoredCustomer } from '../../lib/db/types';
import { STANDARD_IDS } from '../../lib/grading';
import { makeWorkbenchRows } from './workbench.rows';

ModuleRegistry.registerModules([AllCommunityModule]);

function start(host: HTMLElement, count: number, seed: number, nowMs: number): number {
  const rows = makeWorkbenchRows(count, seed, new Date(nowMs));
  const columnDefs: ColDef<StoredCustomer>[] = [
    ...['name', ...STANDARD_IDS.map((s) => `grades.${s}`), 'grades.nextDueAt', 'grades.overdueDays', 'grades.serviceDueAt'].map((field) => ({ field }) as ColDef<StoredCustomer>),
    ...FIELD_NAMES.filter((f) => f !== 'name').map((field) => ({ field }) as ColDef<StoredCustomer>),
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
