// lib/extension: the adapters over browser.* (docs/architecture.md#libextension).
// The content script imports the leaf modules it needs (messages, portal,
// crawl) instead, and so loads no adapter it does not use.
export * from './messages';
export * from './portal';
export * from './frames';
export * from './downloads';
export * from './crawl';
export * from './badge';
export * from './overlay';
export * from './taught';
export * from './overlay-setting';
export * from './follow';
export * from './follow-setting';
export * from './alarms';
export * from './storage';
export * from './failures';
