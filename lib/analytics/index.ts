// lib/analytics: pivots and measures over graded customers (docs/architecture.md#libanalytics), pure:
// customers and their grades in, figures out (docs/grading.md#v6-measures-kpis).
export * from './types';
export * from './regional';
export * from './defeat';
export * from './churn';
export * from './kpis';
