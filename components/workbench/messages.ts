// The workbench page shell's texts, Chinese first with English (docs/architecture.md#text-and-languages);
// each of its views has its own (workbench-header, view-list, me-form, grade-filter-menu,
// column-menu, workbench-toolbar).
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  views: { zh: '视图', en: 'Views' },
  error: { zh: '出错了', en: 'Something went wrong' },
} satisfies Messages;
