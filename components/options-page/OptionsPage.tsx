// The options page: grading rules, the morning reminder,
// and the data section with backup, restore and file import (docs/architecture.md#the-extension-parts).
import { useState } from 'react';
import type { DealerLensDB } from '@/lib/db';
import { LocaleSwitch, useLocale } from '@/components/i18n/LocaleContext';
import { RuleSettings } from '@/components/rule-settings/RuleSettings';
import { ReminderSettings } from '@/components/reminder-settings/ReminderSettings';
import { DataSettings } from '@/components/data-settings/DataSettings';
import { PortalSettings } from '@/components/portal-settings/PortalSettings';
import { MESSAGES } from './messages';

type Section = 'rules' | 'reminders' | 'data' | 'portals';
const SECTIONS: readonly Section[] = ['rules', 'reminders', 'data', 'portals'];

export interface OptionsPageProps {
  db: DealerLensDB;
  now: () => Date;
  /** Extension URLs of the import page and the workbench. */
  pageUrl(path: '/import.html' | '/workbench.html'): string;
  initialSection?: Section;
}

export function OptionsPage({ db, now, pageUrl, initialSection = 'rules' }: OptionsPageProps) {
  const { t, tt } = useLocale();
  const [section, setSection] = useState<Section>(initialSection);
  return (
    <div className="options-page">
      <header className="options-head">
        <h1>{tt(MESSAGES.title)}</h1>
        <nav aria-label={tt(MESSAGES.title)}>
          {SECTIONS.map((s) => (
            <button
              key={s}
              type="button"
              className={s === section ? 'current' : ''}
              aria-current={s === section ? 'page' : undefined}
              onClick={() => setSection(s)}
            >
              {t(MESSAGES[s])}
            </button>
          ))}
          <a href={pageUrl('/workbench.html')} target="_blank" rel="noreferrer">
            {t(MESSAGES.openWorkbench)}
          </a>
          <LocaleSwitch />
        </nav>
      </header>
      {section === 'rules' && <RuleSettings db={db} now={now} />}
      {section === 'reminders' && <ReminderSettings db={db} />}
      {section === 'portals' && <PortalSettings />}
      {section === 'data' && (
        <>
          <p className="options-import">
            <a href={pageUrl('/import.html')} target="_blank" rel="noreferrer">
              {tt(MESSAGES.importFile)}
            </a>
          </p>
          <DataSettings db={db} now={now} />
        </>
      )}
    </div>
  );
}
