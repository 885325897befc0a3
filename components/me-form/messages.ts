// The "我是" form's texts, Chinese first with English (docs/architecture.md#text-and-languages).
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  me: { zh: '我是 (销售顾问)', en: 'I am (consultant)' },
  meHint: { zh: '“我的客户”按此姓名筛选', en: '"My customers" shows this consultant' },
  save: { zh: '保存', en: 'Save' },
} satisfies Messages;
