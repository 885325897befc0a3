// DealerLens's local database (docs/architecture.md#the-data-layer): schema, capture upsert and merge,
// history, batches and undo, site profiles, the identity directory that
// finds a capture's customers in one request, rule sets and stored grades.
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
  StoredRuleSet,
} from './types';
export {
  identityOf,
  identityKeysOf,
  identityPhone,
  normalizeMobile,
  normalizePortalId,
  normalizeVin,
  portalIdFromDetailUrl,
} from './identity';
export type { IdentityKeys } from './identity';
export { customersByKeys } from './lookup';
export { HISTORY_CREATED } from './merge';
export { historyOf, flattenHistory } from './history';
export { saveCustomer, deleteCustomers } from './customers';
export { forgetCustomers, FORGET_LOG_KEY } from './forget';
export { STORAGE_FULL_MESSAGE, isStorageFull, writeErrorText } from './errors';
export type { ForgetLogEntry } from './forget';
export {
  IDENTITY_DIRECTORY_ID,
  IdentityDirectory,
  directoryWritten,
  loadDirectory,
  rebuildDirectory,
} from './directory';
export { commitCapture, REJECTED_NO_IDENTITY } from './capture';
export type { CaptureBatch, CaptureInput } from './capture';
export { undoBatch, lastBatch, countCustomers, UNDO_NOT_FOUND, UNDO_ALREADY_DONE } from './undo';
export type { UndoResult } from './undo';
export { saveProfile, listProfiles } from './profiles';
export {
  ACTIVE_RULE_SET_KEY,
  USER_RULE_SET_PREFIX,
  activeRuleSet,
  deleteRuleSet,
  isBuiltInRuleSet,
  listRuleSets,
  loadRuleSet,
  newRuleSetId,
  saveRuleSet,
  setActiveRuleSet,
} from './ruleSets';
export type { DeleteRuleSetResult, RuleSetListing, RuleSetResult } from './ruleSets';
export {
  GRADE_CHUNK,
  GRADING_CONTEXT_KEY,
  LAST_GRADED_KEY,
  applyRuleSet,
  undoRuleChange,
  RULE_CHANGE_SUPERSEDED,
  captureGrader,
  findCustomersToTry,
  lastGraded,
  loadGradingContext,
  previewRegrade,
  regradeAll,
  regradeCustomers,
  regradeIfStale,
  sameGrades,
} from './grades';
export type {
  ApplyResult,
  LastGraded,
  RegradeCount,
  RegradePreview,
  RuleChangeUndo,
  UndoRuleChangeResult,
} from './grades';
export {
  FOLLOW_UP_CHANGED_LATER,
  FOLLOW_UP_CUSTOMER_NOT_FOUND,
  FOLLOW_UP_LAST_KEY,
  FOLLOW_UP_REDO_NOTHING,
  FOLLOW_UP_UNDO_NOTHING,
  HISTORY_FOLLOW_UP,
  HISTORY_MANUAL_GRADE,
  foldFollowUps,
  followUpsOf,
  lastFollowUp,
  logFollowUp,
  redoFollowUp,
  undoFollowUp,
  countDue,
  dueCustomers,
  auditStore,
  refoldFollowUpSummaries,
} from './followups';
export type { DueCounts, FollowUpInput, FollowUpRecord, FollowUpUndoResult, LoggedFollowUp } from './followups';
export {
  BULK_LAST_KEY,
  BULK_REDO_NOTHING,
  BULK_UNDO_ALREADY,
  BULK_UNDO_NOTHING,
  BULK_EVENT_DATE_INVALID,
  EVENT_INVITE_GRADES,
  HISTORY_INVITATION,
  HISTORY_TAGS,
  INVITE_DAYS_BEFORE,
  addTag,
  inviteToEvent,
  applyBulk,
  deleteWithUndo,
  lastBulk,
  reassignConsultant,
  redoBulk,
  setGrade,
  setStage,
  undoBulk,
} from './bulk';
export type { BulkAction, BulkKind, BulkRecord, BulkRedoResult, BulkResult, BulkUndoResult } from './bulk';
export { loadMe, saveMe } from './me';
export { migrateSettings, settingsOf } from './settings';
export { Reminders, readMorningReminder, saveMorningReminder } from './reminders';
export type { ReminderPorts } from './reminders';
export {
  DERIVED_TABLES,
  RESTORE_CHANGED_SINCE,
  exportBackup,
  previewRestore,
  readBackup,
  readBackupTables,
  restoreBackup,
  restoreBackupWithUndo,
  undoRestore,
} from './backup';
export type {
  RestoreMode,
  RestorePreview,
  RestoreResult,
  RestoreUndo,
  RestoreUndoResult,
  TableRestoreCounts,
} from './backup';
export {
  FIRST_SCREEN,
  allCustomers,
  consultantNames,
  customerById,
  customerDetail,
  customersByIds,
  firstScreen,
  presentCustomers,
  workbookSource,
} from './queries';
export type { CustomerDetail, FirstScreenIndex } from './queries';
export { watchQuery } from './live';
