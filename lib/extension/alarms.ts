// The background's alarms: one listener, dispatching by the alarm's name, so
// each alarm has one handler in one place. Alarms outlive the service worker;
// the listener must be added when the worker starts (synchronously), or a
// wake-up by an alarm finds no one to run it.
import { browser } from 'wxt/browser';

/** Listens for every named alarm; an alarm with no handler (left from an older version) is ignored. */
export function listenAlarms(handlers: Readonly<Record<string, () => void>>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (Object.hasOwn(handlers, alarm.name)) handlers[alarm.name]!();
  });
}

/** Sets the alarm `name` to fire once at `when`, or clears it (null). */
export async function setAlarm(name: string, when: Date | null): Promise<void> {
  if (when === null) await browser.alarms.clear(name);
  else await browser.alarms.create(name, { when: when.getTime() });
}
