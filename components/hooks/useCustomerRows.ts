import { useCallback, useState, type RefObject } from 'react';
import { allCustomers, customersByIds, firstScreen, type DealerLensDB, type StoredCustomer } from '@/lib/db';
import type { FirstScreenIndex } from '@/lib/db';
import type { CustomerGridHandle } from '@/components/customer-grid/CustomerGrid';

export interface CustomerRows {
  /** Customers in the grid (all of them once every row is read). */
  total: number;
  /** The consultants named on the customers read, in Chinese order. */
  consultants: string[];
  /** Reads the first screen by `index` into the grid; false when `stale()` says the page moved on. */
  showFirstScreen(index: FirstScreenIndex, stale?: () => boolean): Promise<boolean>;
  /** Reads every customer into the grid. */
  loadAll(): Promise<void>;
  /** Re-reads these customers into the grid (after a follow-up, a bulk edit, a delete: gone ones leave it). */
  reloadCustomers(ids: readonly string[]): Promise<void>;
}

/** The grid's rows, read through lib/db's queries. */
export function useCustomerRows(db: DealerLensDB, grid: RefObject<CustomerGridHandle | null>): CustomerRows {
  const [total, setTotal] = useState(0);
  const [consultants, setConsultants] = useState<string[]>([]);

  const showFirstScreen = useCallback(
    async (index: FirstScreenIndex, stale?: () => boolean) => {
      const first = await firstScreen(db, index);
      if (stale?.()) return false;
      grid.current?.setRows(first);
      setTotal(first.length);
      return true;
    },
    [db, grid],
  );

  const loadAll = useCallback(async () => {
    const all = await allCustomers(db);
    grid.current?.setRows(all);
    setTotal(all.length);
    const names = new Set<string>();
    for (const c of all) if (c.consultant) names.add(c.consultant);
    setConsultants([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  }, [db, grid]);

  const reloadCustomers = useCallback(
    async (ids: readonly string[]) => {
      const g = grid.current;
      if (!g) return;
      const rows = await customersByIds(db, ids);
      const update: StoredCustomer[] = [];
      const add: StoredCustomer[] = [];
      const remove: string[] = [];
      rows.forEach((row, i) => {
        if (!row) remove.push(ids[i]!);
        else if (g.api.getRowNode(row.id)) update.push(row);
        else add.push(row);
      });
      g.applyChanges({ add, update, remove });
      setTotal((n) => n + add.length - remove.length);
    },
    [db, grid],
  );

  return { total, consultants, showFirstScreen, loadAll, reloadCustomers };
}
