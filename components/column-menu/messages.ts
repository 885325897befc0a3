// The column menu's texts, Chinese first with English (docs/architecture.md#text-and-languages).
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  columns: { zh: '列', en: 'Columns' },
  showAll: { zh: '全部显示', en: 'Show all' },
} satisfies Messages;
