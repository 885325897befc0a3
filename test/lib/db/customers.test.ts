import { describe, expect, it } from 'vitest';
import { newCustomerId } from '../../../lib/db/customers';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newCustomerId: a UUID of version 7, ordered by time', () => {
  it('is a version 7 UUID whose first 48 bits are the time in milliseconds', () => {
    const at = Date.UTC(2026, 11, 4, 21, 45, 0, 123);
    const id = newCustomerId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('differs for every call in the same millisecond', () => {
    const at = Date.UTC(2026, 0, 1);
    const ids = new Set(Array.from({ length: 10_000 }, () => newCustomerId(at)));
    expect(ids.size).toBe(10_000);
  });

  it('sorts a later millisecond after an earlier one, as IndexedDB orders keys', () => {
    const earlier = Array.from({ length: 100 }, () => newCustomerId(Date.UTC(2026, 0, 1, 0, 0, 0, 1)));
    const later = Array.from({ length: 100 }, () => newCustomerId(Date.UTC(2026, 0, 1, 0, 0, 0, 2)));
    for (const a of earlier) for (const b of later) expect(a < b).toBe(true);
  });
});
