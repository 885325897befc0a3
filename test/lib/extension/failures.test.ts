import { afterEach, describe, expect, it, vi } from 'vitest';
import { isBrowserShuttingDown, reportFailure } from '../../../lib/extension/failures';

afterEach(() => vi.restoreAllMocks());

describe('reportFailure', () => {
  it('logs a failure of background work with what failed', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = new Error('QuotaExceededError');
    reportFailure('badge count')(error);
    expect(log).toHaveBeenCalledWith('DealerLens: badge count failed', error);
  });

  it('says nothing when the browser refuses because it is closing (the work runs again at the next start)', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    reportFailure('badge count')(new Error('The browser is shutting down.'));
    reportFailure('midnight alarm')('The browser is shutting down.');
    expect(log).not.toHaveBeenCalled();
    expect(isBrowserShuttingDown(new Error('The browser is shutting down.'))).toBe(true);
    expect(isBrowserShuttingDown(new Error('No tab with id: 4.'))).toBe(false);
  });
});
