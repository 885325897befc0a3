// lib/capture: staging a captured table, checking it, and committing it to the
// store (docs/architecture.md#libcapture). The content script imports the leaf
// modules it needs (judge, wire) instead: this index reaches the database.
export * from './types';
export * from './wire';
export * from './check';
export * from './judge';
export * from './invisible';
export * from './session';
export * from './stats';
