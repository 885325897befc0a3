// Every text of the reminder settings (docs/architecture.md#text-and-languages), Chinese first with English.
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  title: { zh: '提醒', en: 'Reminders' },
  intro: {
    zh: '工具栏图标上的数字是今天待跟进 (含逾期) 的客户数。',
    en: 'The number on the toolbar icon counts the customers due today, overdue included.',
  },
  morning: { zh: '每天早上通知今日待跟进', en: "Notify me of today's follow-ups every morning" },
  time: { zh: '通知时间', en: 'Time' },
  save: { zh: '保存', en: 'Save' },
  saved: { zh: '已保存', en: 'Saved' },
  savedOff: { zh: '已保存: 不发送早间通知', en: 'Saved: no morning notification' },
  savedOn: { zh: '已保存: 每天 {time} 通知', en: 'Saved: a notification every day at {time}' },
} satisfies Messages;
