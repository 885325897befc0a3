// Every text of the toolbar popup (docs/architecture.md#text-and-languages), Chinese first with English.
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  subtitle: { zh: '经销商客户分级助手', en: 'Dealer customer grading' },
  counts: { zh: '统计', en: 'Counts' },
  dueToday: { zh: '今日待跟进', en: 'Due today' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  capturedToday: { zh: '今日抓取', en: 'Captured today' },
  customers: { zh: '客户', en: 'Customers' },
  capture: { zh: '抓取本页客户', en: 'Capture this page' },
  shortcut: { zh: '快捷键: Alt+Shift+D', en: 'Shortcut: Alt+Shift+D' },
  openWorkbench: { zh: '打开工作台', en: 'Open the workbench' },
  openToday: { zh: '查看今日待跟进', en: "Open today's follow-ups" },
  openSidePanel: { zh: '在侧边栏显示我的待跟进', en: 'My follow-ups in the side panel' },
  alwaysEnable: { zh: '在此系统上始终启用', en: 'Always enable on this portal' },
  enabledHere: { zh: '已在此系统上启用', en: 'Enabled on this portal' },
  overlayOff: { zh: '不在本系统的列表上显示级别', en: 'Hide grades on this portal’s lists' },
  overlayOn: { zh: '在本系统的列表上显示级别', en: 'Show grades on this portal’s lists' },
  follow: { zh: '跟随门户自动采集', en: 'Follow the portal' },
  followHint: {
    zh: '翻到的客户列表页（已有映射的）自动采集到本地，不弹窗。',
    en: 'List pages you page through (with a saved mapping) are captured quietly.',
  },
  enabled: {
    zh: '已启用：在此系统的页面上会显示 DealerLens 按钮。',
    en: 'Enabled: the DealerLens button shows on this portal.',
  },
  notGranted: { zh: '未授权，仍可每次手动抓取。', en: 'Not granted: you can still capture by hand each time.' },
  lastCapture: { zh: '上次抓取', en: 'Last capture' },
  undoneMark: { zh: '（已撤销）', en: ' (undone)' },
  lastCounts: {
    zh: '新增 {new} · 更新 {updated} · 未变 {unchanged} · 拒绝 {rejected}',
    en: '{new} new · {updated} updated · {unchanged} unchanged · {rejected} rejected',
  },
  undo: { zh: '撤销', en: 'Undo' },
  undoneResult: {
    zh: '已撤销：恢复 {restored}，移除 {removed}。',
    en: 'Undone: {restored} restored, {removed} removed.',
  },
} satisfies Messages;
