// The workbench's header (docs/workbench.md#the-grid): title, quick search, how many
// customers the view shows of how many, the selection, and the language.
import type { ReactNode } from 'react';
import { LocaleSwitch, useLocale } from '@/components/i18n/LocaleContext';
import { useCount, type CountStore } from '@/components/hooks';
import { MESSAGES } from './messages';

export interface WorkbenchHeaderProps {
  search: string;
  onSearch(text: string): void;
  /** The rows the grid shows after its filters: changes on every filter, so only the count line reads it. */
  shown: CountStore;
  /** Customers read so far. */
  total: number;
  /** Every customer not yet read: the count says so. */
  loading: boolean;
  selected: number;
}

export function WorkbenchHeader({ search, onSearch, shown, total, loading, selected }: WorkbenchHeaderProps) {
  const { locale, t } = useLocale();
  const fmt = (n: number) => n.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');
  return (
    <header className="wb-header">
      <h1>
        DealerLens <span>{t(MESSAGES.title)}</span>
      </h1>
      <input
        type="search"
        className="wb-search"
        value={search}
        placeholder={t(MESSAGES.search)}
        aria-label={t(MESSAGES.searchLabel)}
        onChange={(e) => onSearch(e.target.value)}
      />
      <p className="wb-count" role="status" data-testid="row-count">
        <ShownCount
          store={shown}
          text={(n) =>
            loading ? t(MESSAGES.loading, { shown: fmt(n) }) : t(MESSAGES.rows, { shown: fmt(n), total: fmt(total) })
          }
        />
        {selected > 0 && <span className="wb-selected"> · {t(MESSAGES.selected, { n: fmt(selected) })}</span>}
      </p>
      <LocaleSwitch />
    </header>
  );
}

function ShownCount({ store, text }: { store: CountStore; text: (shown: number) => string }): ReactNode {
  return text(useCount(store));
}
