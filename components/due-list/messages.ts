// Every text of the side panel (docs/architecture.md#text-and-languages), Chinese first with English.
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  title: { zh: '我的待跟进', en: 'My follow-ups due' },
  iAm: { zh: '我是', en: 'I am' },
  iAmPlaceholder: { zh: '销售顾问姓名, 如 王芳', en: "Consultant's name, e.g. 王芳" },
  setMe: { zh: '保存', en: 'Save' },
  changeMe: { zh: '更换', en: 'Change' },
  meMissing: {
    zh: '先告诉 DealerLens 你是哪位顾问, 这里就只列你的客户。下面是全部待跟进客户。',
    en: 'Tell DealerLens which consultant you are to list only your customers. All due customers are listed below.',
  },
  counts: { zh: '今天 {due} 位, 逾期 {overdue} 位', en: '{due} due today, {overdue} overdue' },
  none: { zh: '今天没有待跟进的客户', en: 'Nothing due today' },
  dueToday: { zh: '今天', en: 'today' },
  overdue: { zh: '逾期 {n} 天', en: '{n} days overdue' },
  open: { zh: '详情', en: 'Details' },
  found: { zh: '已在页面上标出 {name}', en: '{name} is highlighted on the page' },
  notFound: {
    zh: '当前页面上没有找到 {name} (请打开经销商系统的客户列表)',
    en: "{name} is not on this page (open the portal's customer list)",
  },
  select: { zh: '选择 {name}', en: 'Select {name}' },
  back: { zh: '返回列表', en: 'Back to the list' },
} satisfies Messages;
