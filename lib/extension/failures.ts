// Background work that fails (an alarm set, the badge counted, the portal
// scripts registered) is logged to the service worker's console. Not when
// the browser is closing: every extension API then fails with the same
// message, and all of that work is done again when the browser starts.

/** The browser's own message for an extension API called while it closes. */
const SHUTTING_DOWN = /browser is shutting down/i;

/** True when `error` is an extension API refusing because the browser is closing. */
export function isBrowserShuttingDown(error: unknown): boolean {
  return SHUTTING_DOWN.test(error instanceof Error ? error.message : String(error));
}

/** A rejection handler that logs what failed, unless the browser was closing. */
export function reportFailure(what: string): (error: unknown) => void {
  return (error) => {
    if (!isBrowserShuttingDown(error)) console.error(`DealerLens: ${what} failed`, error);
  };
}
