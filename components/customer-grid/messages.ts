// Every text of the customer grid, Chinese first with English (issue #4 "Quality").
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  nextDueAt: { zh: '下次跟进', en: 'Next follow-up' },
  overdueDays: { zh: '逾期天数', en: 'Days overdue' },
  serviceDueAt: { zh: '预计进站', en: 'Service expected' },
  notGraded: { zh: '未分级', en: 'Not graded' },
  reasonFailed: { zh: '无法计算原因', en: 'Reason unavailable' },
  noRows: { zh: '没有符合条件的客户', en: 'No customers match' },
  loading: { zh: '正在读取客户…', en: 'Reading customers…' },
} satisfies Messages;
