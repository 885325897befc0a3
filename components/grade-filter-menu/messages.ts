// The grade menu's texts, Chinese first with English (docs/architecture.md#text-and-languages).
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  grades: { zh: '级别筛选', en: 'Grades' },
  gradesOn: { zh: '级别筛选 ({n})', en: 'Grades ({n})' },
  clearGrades: { zh: '清除级别筛选', en: 'Clear grade filters' },
} satisfies Messages;
