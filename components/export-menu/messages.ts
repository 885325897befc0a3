// Every text of the export menu, Chinese first with English beside (docs/architecture.md#text-and-languages).
import type { Bilingual } from '@/lib/i18n';

const t = (zh: string, en: string): Bilingual => ({ zh, en });

export const MESSAGES = {
  button: t('导出', 'Export'),
  viewXlsx: t('当前视图 (.xlsx)', 'This view (.xlsx)'),
  viewCsv: t('当前视图 (.csv)', 'This view (.csv)'),
  viewHint: t(
    '按当前筛选、排序和列导出 {count} 行',
    'The {count} rows of this view, with its filter, sort and columns',
  ),
  workbook: t('分级工作簿 (.xlsx)', 'Graded workbook (.xlsx)'),
  workbookHint: t(
    '全部客户：总表、各级别、待跟进、检核、区域集中度、战败分析、流失',
    'All customers: summary, each grade, due list, audit, regions, defeats, churn',
  ),
  fullNumbers: t('导出完整号码', 'Export full numbers'),
  privacyNote: t(
    '默认导出的手机号、身份证号已打码（138****1234）：按《个人信息保护法》，客户个人信息只在确有需要时完整带出。备份文件（设置 → 数据）始终保存完整号码，以便恢复。',
    'Mobiles and ID numbers are masked in exports by default (138****1234): under the Personal Information Protection Law (个人信息保护法), personal data leaves in full only when needed. Backups (Settings → Data) always keep full numbers, so they restore.',
  ),
  working: t('正在生成…', 'Preparing…'),
  done: t('已导出 {file}', 'Exported {file}'),
  failed: t('导出失败：{error}', 'Export failed: {error}'),
  empty: t('当前视图没有数据', 'This view has no rows'),
} as const;
