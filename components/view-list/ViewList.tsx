// The workbench's views (docs/workbench.md#views): the built-ins, then the user's own
// with rename and delete, and "save as view" naming the grid as it is now.
import { useState } from 'react';
import { pick } from '@/lib/i18n';
import type { View } from '@/lib/views';
import { useLocale } from '@/components/i18n/LocaleContext';
import { MESSAGES } from './messages';

export interface ViewListProps {
  views: readonly View[];
  currentId: string;
  onOpen(view: View): void;
  /** A new view by this name, of what the grid shows now. */
  onSaveAs(name: string): void;
  onRename(id: string, name: string): void;
  /** Called once the user confirmed the delete. */
  onRemove(view: View): void;
}

export function ViewList({ views, currentId, onOpen, onSaveAs, onRename, onRemove }: ViewListProps) {
  const { locale, t } = useLocale();
  const [naming, setNaming] = useState<{ id?: string; text: string } | null>(null);
  const builtIns = views.filter((v) => v.builtIn);
  const mine = views.filter((v) => !v.builtIn);

  const submitName = () => {
    if (!naming) return;
    const text = naming.text.trim();
    if (!text) return;
    if (naming.id) onRename(naming.id, text);
    else onSaveAs(text);
    setNaming(null);
  };

  const remove = (v: View) => {
    if (globalThis.confirm(t(MESSAGES.confirmRemove, { name: pick(v.name, locale) }))) onRemove(v);
  };

  const open = (v: View) => (
    <button
      type="button"
      aria-current={v.id === currentId ? 'true' : undefined}
      onClick={() => onOpen(v)}
      data-view={v.id}
    >
      {pick(v.name, locale)}
    </button>
  );

  return (
    <>
      <ul>
        {builtIns.map((v) => (
          <li key={v.id}>{open(v)}</li>
        ))}
      </ul>
      {mine.length > 0 && <h2>{t(MESSAGES.myViews)}</h2>}
      <ul>
        {mine.map((v) => (
          <li key={v.id} className="wb-user-view">
            {open(v)}
            <button
              type="button"
              className="wb-small"
              onClick={() => setNaming({ id: v.id, text: pick(v.name, locale) })}
              aria-label={`${t(MESSAGES.rename)} ${pick(v.name, locale)}`}
            >
              ✎
            </button>
            <button
              type="button"
              className="wb-small"
              onClick={() => remove(v)}
              aria-label={`${t(MESSAGES.remove)} ${pick(v.name, locale)}`}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {naming ? (
        <form
          className="wb-name"
          onSubmit={(e) => {
            e.preventDefault();
            submitName();
          }}
        >
          <input
            autoFocus
            aria-label={t(MESSAGES.viewName)}
            value={naming.text}
            onChange={(e) => setNaming({ ...naming, text: e.target.value })}
          />
          <button type="submit">{t(MESSAGES.save)}</button>
          <button type="button" onClick={() => setNaming(null)}>
            {t(MESSAGES.cancel)}
          </button>
        </form>
      ) : (
        <button type="button" className="wb-save-view" onClick={() => setNaming({ text: '' })}>
          + {t(MESSAGES.saveView)}
        </button>
      )}
    </>
  );
}
