// The morning notification's setting (docs/workbench.md#reminders: "time set in options, off by
// default"), a section for the options page. Kept in the settings table (lib/settings); the
// background re-schedules its alarm when told ('reminders:refresh').
import { useEffect, useId, useState } from 'react';
import { readMorningReminder, saveMorningReminder, type DealerLensDB } from '@/lib/db';
import { notifyCustomersChanged } from '@/lib/extension';
import { MORNING_REMINDER, type MorningReminder } from '@/lib/settings';
import { useLocale } from '@/components/i18n/LocaleContext';
import { MESSAGES } from './messages';

export interface ReminderSettingsProps {
  db: DealerLensDB;
}

export function ReminderSettings({ db }: ReminderSettingsProps) {
  const { t } = useLocale();
  const id = useId();
  const [reminder, setReminder] = useState<MorningReminder>(MORNING_REMINDER.fallback);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void readMorningReminder(db).then(setReminder);
  }, [db]);

  const save = async () => {
    await saveMorningReminder(db, reminder);
    await notifyCustomersChanged(); // the background re-schedules the alarm
    setNotice(reminder.enabled ? t(MESSAGES.savedOn, { time: reminder.time }) : t(MESSAGES.savedOff));
  };

  return (
    <section className="reminder-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(MESSAGES.title)}</h2>
      <p>{t(MESSAGES.intro)}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          <input
            type="checkbox"
            checked={reminder.enabled}
            onChange={(e) => setReminder((r) => ({ ...r, enabled: e.target.checked }))}
          />{' '}
          {t(MESSAGES.morning)}
        </label>{' '}
        <label>
          {t(MESSAGES.time)}{' '}
          <input
            type="time"
            value={reminder.time}
            disabled={!reminder.enabled}
            required
            onChange={(e) => setReminder((r) => ({ ...r, time: e.target.value }))}
          />
        </label>{' '}
        <button type="submit">{t(MESSAGES.save)}</button>
      </form>
      {notice && <p role="status">{notice}</p>}
    </section>
  );
}
