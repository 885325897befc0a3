// The views' hooks (docs/architecture.md#the-data-layer): React state over the
// lib/db queries and commands, and the small stateful pieces the workbench's
// views share. Views read and write customers only through these and lib/db.
export { useDebounced } from './useDebounced';
export { useError } from './useError';
export { useCountStore, useCount, type CountStore } from './useCountStore';
export { useGradePicks, type GradePicks } from './useGradePicks';
export { useSavedViews } from './useSavedViews';
export { useColumnMemory } from './useColumnMemory';
export { useCustomerRows, type CustomerRows } from './useCustomerRows';
export { useWorkbenchStart, type WorkbenchStart } from './useWorkbenchStart';
export { useGradeReason } from './useGradeReason';
export { useLiveQuery } from './useLiveQuery';
