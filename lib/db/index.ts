// DealerLens's local database (style.md #5): schema, capture upsert and merge,
// history, batches and undo, site profiles, and the identity directory that
// finds a capture's customers in one request.
export { openDatabase, DEFAULT_DATABASE_NAME } from './database';
export type { DealerLensDB } from './database';
export type {
  Batch,
  BatchSnapshot,
  DirectoryChanges,
  FieldChange,
  HistoryEntry,
  HistoryRecord,
  IdentityDirectoryEntries,
  IdentityDirectoryMeta,
  IdentityDirectoryRow,
  KeyOwners,
  Setting,
  SiteProfile,
  StoredCustomer,
} from './types';
export { identityOf, identityKeysOf, normalizeMobile, normalizeVin, portalIdFromDetailUrl } from './identity';
export type { IdentityKeys } from './identity';
export { HISTORY_CREATED } from './merge';
export { historyOf, flattenHistory } from './history';
export { saveCustomer, deleteCustomers } from './customers';
export { IDENTITY_DIRECTORY_ID, IdentityDirectory, loadDirectory, rebuildDirectory } from './directory';
export { commitCapture, REJECTED_NO_IDENTITY } from './capture';
export type { CaptureInput } from './capture';
export { undoBatch, lastBatch, countCustomers, UNDO_NOT_FOUND, UNDO_ALREADY_DONE } from './undo';
export type { UndoResult } from './undo';
export { saveProfile, listProfiles } from './profiles';
