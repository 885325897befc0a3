// lib/analytics: pivots and measures over graded customers (style.md), pure:
// customers and their grades in, figures out (domain.md "Measures managers ask for").
export * from './types';
export * from './regional';
export * from './defeat';
export * from './churn';
export * from './kpis';
