// Every text of the customer grid, Chinese first with English (docs/architecture.md#text-and-languages).
import type { StandardId } from '@/lib/grading';
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  nextDueAt: { zh: '下次跟进', en: 'Next follow-up' },
  overdueDays: { zh: '逾期天数', en: 'Days overdue' },
  serviceDueAt: { zh: '预计进站', en: 'Service expected' },
  notGraded: { zh: '未分级', en: 'Not graded' },
  reasonFailed: { zh: '无法计算原因', en: 'Reason unavailable' },
  noRows: { zh: '没有符合条件的客户', en: 'No customers match' },
  loading: { zh: '正在读取客户…', en: 'Reading customers…' },
  selectAll: { zh: '选择显示的全部客户', en: 'Select every customer shown' },
} satisfies Messages;

/** Grade column headers, short enough for a column; the standard's full name is the header's tooltip. */
export const STANDARD_HEADERS = {
  intent: { zh: '意向级别', en: 'Intent' },
  loyalty: { zh: '基盘', en: 'Loyalty' },
  value: { zh: '价值', en: 'Value' },
  churn: { zh: '流失', en: 'Churn' },
  aftersales: { zh: '售后', en: 'After-sales' },
  satisfaction: { zh: '满意度分级', en: 'Satisfaction grade' },
  defeated: { zh: '战败', en: 'Defeated' },
} satisfies Messages<StandardId>;
