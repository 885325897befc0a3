// The workbench header's texts, Chinese first with English (docs/architecture.md#text-and-languages).
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  title: { zh: '工作台', en: 'Workbench' },
  search: { zh: '搜索 姓名/手机/车牌/车架号', en: 'Search name / phone / plate / VIN' },
  searchLabel: { zh: '快速搜索', en: 'Quick search' },
  rows: { zh: '显示 {shown} / 共 {total} 位客户', en: '{shown} of {total} customers' },
  loading: { zh: '正在读取… 已显示 {shown} 位', en: 'Reading… {shown} shown' },
  selected: { zh: '已选 {n}', en: '{n} selected' },
} satisfies Messages;
