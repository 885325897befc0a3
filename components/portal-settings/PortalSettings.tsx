// The portals the user enabled, each with its off switch: site access is
// granted one portal at a time and can be taken back here
// (docs/architecture.md#hostile-pages).
import { useCallback, useEffect, useState } from 'react';
import { disablePortal, listEnabledPortals } from '@/lib/extension';
import { useLocale } from '@/components/i18n/LocaleContext';
import { MESSAGES } from './messages';

/** 'http://dms.example.com/*' as a person reads it. */
const siteOf = (pattern: string) => pattern.replace(/\/\*$/, '');

export function PortalSettings() {
  const { t, tt } = useLocale();
  const [portals, setPortals] = useState<string[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const reload = useCallback(() => void listEnabledPortals().then(setPortals), []);
  useEffect(reload, [reload]);

  async function disable(pattern: string) {
    setFailed(null);
    // The browser throws for some removals (a permission the manifest requires): the user is told, as for a false.
    const removed = await disablePortal(pattern).catch(() => false);
    if (!removed) setFailed(pattern);
    reload();
  }

  return (
    <section className="portal-settings" aria-label={tt(MESSAGES.heading)}>
      <h2>{t(MESSAGES.heading)}</h2>
      <p>{t(MESSAGES.explain)}</p>
      {portals?.length === 0 && <p className="none">{t(MESSAGES.none)}</p>}
      <ul>
        {(portals ?? []).map((pattern) => (
          <li key={pattern}>
            <code>{siteOf(pattern)}</code>{' '}
            <button
              type="button"
              onClick={() => void disable(pattern)}
              aria-label={`${tt(MESSAGES.disable)} ${siteOf(pattern)}`}
            >
              {t(MESSAGES.disable)}
            </button>
            {failed === pattern && <span role="alert"> {t(MESSAGES.failed)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
