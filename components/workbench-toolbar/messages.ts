// The workbench toolbar's texts, Chinese first with English (docs/architecture.md#text-and-languages).
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  meMissing: { zh: '请先在左侧填写“我是”哪位顾问', en: 'Say which consultant you are first (left)' },
  reveal: { zh: '显示完整号码', en: 'Show full numbers' },
  hide: { zh: '隐藏号码', en: 'Mask numbers' },
  refresh: { zh: '刷新', en: 'Refresh' },
  clearFilters: { zh: '清除列筛选', en: 'Clear column filters' },
} satisfies Messages;
