// lib/views: the workbench's views as data (docs/workbench.md#views, "Saved views"): built-ins,
// a user's saved views, and their conditions as predicates over stored customers.
export * from './types';
export * from './builtins';
export * from './predicates';
export * from './saved';
export * from './dates';
export * from './mask';
export * from './firstScreen';
