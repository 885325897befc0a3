import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { listenAlarms, setAlarm, setBadgeText } from '../../../lib/extension';

beforeEach(() => fakeBrowser.reset());

describe('the alarms adapter', () => {
  it('one listener runs the handler named by the alarm, once, and ignores an alarm with none', async () => {
    const midnight = vi.fn();
    const morning = vi.fn();
    const add = vi.spyOn(browser.alarms.onAlarm, 'addListener');
    listenAlarms({ midnight, morning });
    expect(add).toHaveBeenCalledTimes(1);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'midnight', scheduledTime: 0 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'left-by-an-older-version', scheduledTime: 0 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'toString', scheduledTime: 0 });
    expect(midnight).toHaveBeenCalledTimes(1);
    expect(morning).not.toHaveBeenCalled();
  });

  it('sets an alarm at a time and clears it with null', async () => {
    await setAlarm('morning', new Date(2026, 2, 10, 8));
    expect((await browser.alarms.get('morning'))?.scheduledTime).toBe(new Date(2026, 2, 10, 8).getTime());
    await setAlarm('morning', null);
    expect(await browser.alarms.get('morning')).toBeUndefined();
  });
});

describe('the badge adapter', () => {
  it('sets the text in the reminders colour', async () => {
    const text = vi.spyOn(browser.action, 'setBadgeText').mockResolvedValue(undefined);
    const colour = vi.spyOn(browser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
    await setBadgeText('12');
    expect(text).toHaveBeenLastCalledWith({ text: '12' });
    expect(colour).toHaveBeenCalledWith({ color: '#d4380d' });
  });
});
