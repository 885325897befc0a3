// Merge rules of docs/capture.md#merge-rules: a newer non-empty captured value replaces an older
// captured value; an empty captured value never erases a stored one; a field a
// user set in DealerLens is never overwritten by a capture; `extra` merges by
// header the same way. Pure and in memory, so a batch merges without awaits.
import { FIELD_NAMES } from '../customer';
import type { CapturedRecord, CustomerFields, FieldName } from '../customer';
import type { FieldChange, StoredCustomer } from './types';

/**
 * The `field` of the history entry for a customer's creation. No such row is
 * stored (a capture of 10,000 new customers would pay 10,000 requests for it):
 * historyOf derives it from the customer's createdAt, and the creating batch's
 * snapshot lists the customer under `created`.
 */
export const HISTORY_CREATED = 'created';

export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'number') return Number.isNaN(value);
  return false;
}

/** Applies one captured record onto `target` in place; true when anything changed. */
export function mergeInto(
  target: StoredCustomer,
  record: Pick<CapturedRecord, 'fields' | 'extra' | 'invalid'>,
): boolean {
  let changed = false;
  const locked = target.userEdited.length > 0 ? new Set(target.userEdited) : null;
  const stored = target as CustomerFields;
  for (const field of Object.keys(record.fields) as FieldName[]) {
    const value = record.fields[field];
    if (isEmptyValue(value) || locked?.has(field) || stored[field] === value) continue;
    if (field === 'phone' && maskedFormOf(stored.phone, value)) continue;
    (stored as Record<FieldName, unknown>)[field] = value;
    changed = true;
  }
  for (const [header, value] of Object.entries(record.extra)) {
    if (isEmptyValue(value) || (Object.hasOwn(target.extra, header) && target.extra[header] === value)) continue;
    setOwn(target.extra, header, value);
    changed = true;
  }
  // Invalid cells describe the latest capture, so they are replaced, not merged.
  if (!sameInvalid(target.invalid, record.invalid)) {
    target.invalid = { ...record.invalid };
    changed = true;
  }
  return changed;
}

/**
 * True when `shown` is `whole` as a portal masks it (13712343736 shown as
 * 137****3736): the whole mobile stays, a mask is no news. A mask of another
 * number is a change and replaces it (history keeps the old one).
 */
function maskedFormOf(whole: unknown, shown: unknown): boolean {
  if (typeof whole !== 'string' || typeof shown !== 'string' || whole.length !== shown.length || !shown.includes('*'))
    return false;
  if (whole.includes('*')) return false;
  for (let i = 0; i < shown.length; i++) if (shown[i] !== '*' && shown[i] !== whole[i]) return false;
  return true;
}

/** Sets a key as an own property even when a page's header is literally `__proto__`. */
function setOwn(record: Record<string, string>, key: string, value: string): void {
  // defineProperty only where needed: it turns the object into a slow dictionary.
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

function own(record: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function sameInvalid(a: StoredCustomer['invalid'], b: StoredCustomer['invalid']): boolean {
  const keys = Object.keys(a) as FieldName[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** A working copy that can be merged into without touching `customer`. */
export function copyForMerge(customer: StoredCustomer): StoredCustomer {
  return {
    ...customer,
    extra: { ...customer.extra },
    invalid: { ...customer.invalid },
    userEdited: [...customer.userEdited],
    provenance: { ...customer.provenance },
  };
}

/** What changed between `before` and `after` (fields and extra; invalid text is not history). */
export function diffForHistory(before: StoredCustomer, after: StoredCustomer): FieldChange[] {
  const entries: FieldChange[] = [];
  const from = before as CustomerFields;
  const to = after as CustomerFields;
  for (const field of FIELD_NAMES) {
    if (from[field] !== to[field]) {
      entries.push({ field, from: from[field] ?? null, to: to[field] ?? null });
    }
  }
  for (const header of new Set([...Object.keys(before.extra), ...Object.keys(after.extra)])) {
    const was = own(before.extra, header);
    const is = own(after.extra, header);
    if (was !== is) {
      entries.push({ field: `extra.${header}`, from: was ?? null, to: is ?? null });
    }
  }
  return entries;
}
