// "我是 …" (docs/workbench.md#views): which consultant the user is, picked from the
// consultants on the customers or typed; "我的客户" shows that consultant's.
import { useState } from 'react';
import { useLocale } from '@/components/i18n/LocaleContext';
import { MESSAGES } from './messages';

export interface MeFormProps {
  /** The name stored when the form mounts (the host re-mounts it once the settings are read). */
  me: string | undefined;
  consultants: readonly string[];
  /** The name saved, trimmed; empty clears it. */
  onSave(name: string): void;
}

export function MeForm({ me, consultants, onSave }: MeFormProps) {
  const { t } = useLocale();
  const [draft, setDraft] = useState(me ?? '');
  return (
    <form
      className="wb-me"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft.trim());
      }}
    >
      <label>
        {t(MESSAGES.me)}
        <input
          value={draft}
          list="wb-consultants"
          onChange={(e) => setDraft(e.target.value)}
          title={t(MESSAGES.meHint)}
        />
      </label>
      <datalist id="wb-consultants">
        {consultants.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <button type="submit">{t(MESSAGES.save)}</button>
    </form>
  );
}
