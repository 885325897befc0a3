// The overlay's words (Chinese first, English beside).
import type { Bilingual } from '@/lib/i18n';

export const OVERLAY_TEXT = {
  summary: { zh: '本页', en: 'This page' },
  overdue: { zh: '逾期 {n}', en: '{n} overdue' },
  dueToday: { zh: '今天 {n}', en: '{n} due today' },
  notCaptured: { zh: '未采集 {n}', en: '{n} not captured' },
  open: { zh: '在工作台查看', en: 'Open in the workbench' },
  clickFollowUp: { zh: '点击记录跟进', en: 'Click to log a follow-up' },
  clickCapture: { zh: '点击采集本页', en: 'Click to capture this page' },
  failed: {
    zh: 'DealerLens 暂时读不到级别：{error}',
    en: 'DealerLens could not read the grades: {error}',
  },
} satisfies Record<string, Bilingual>;
