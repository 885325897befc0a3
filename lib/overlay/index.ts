// lib/overlay: DealerLens's grades on the portal's own rows (docs/architecture.md#the-lib-folders).
// Rows' identity keys in, badges and the page's summary out; the time is passed in.
// The content script imports the leaf modules (keys, badge, types): entry.ts
// reads the grading standards' words, which only the background loads.
export * from './types';
export { identityColumns, rowKeysOf, keysId } from './keys';
export {
  badgeOf,
  localDay,
  overlayPage,
  summaryOf,
  summaryOfEntries,
  pageViewQuery,
  PAGE_LINK_MAX,
  NOT_CAPTURED,
  badgeParts,
  textWidthEm,
} from './badge';
export { overlayEntryOf } from './entry';
export {
  addToTally,
  EMPTY_TALLY,
  fingerprint,
  followVerdict,
  readTally,
  rowPrint,
  rowsToFollow,
  FOLLOW_QUIET_MS,
  type FollowMoment,
  type FollowPick,
  type FollowTally,
  type FollowVerdict,
} from './follow';
