// Every text of the file import page, Chinese first with English beside.
import type { Bilingual } from '@/lib/i18n';

const t = (zh: string, en: string): Bilingual => ({ zh, en });

export const MESSAGES = {
  title: t('从文件导入客户', 'Import customers from a file'),
  intro: t(
    '选择系统导出或顾问自己整理的 Excel / CSV 文件（.xlsx、.xls、.csv，UTF-8 或 GBK）。导入与页面抓取相同：列映射、站点配置、解析检查、合并与撤销。',
    'Pick an Excel or CSV file (.xlsx, .xls, .csv, UTF-8 or GBK) exported by the portal or kept by a consultant. It imports like a page capture: mapping, site profiles, checks, merge and undo.',
  ),
  pick: t('选择文件', 'Choose a file'),
  readingFile: t('正在读取文件… {loaded} / {total}', 'Reading the file… {loaded} / {total}'),
  parsing: t('正在解析表格… 已用 {seconds} 秒', 'Reading the table… {seconds} s'),
  staging: t('正在准备预览…', 'Preparing the preview…'),
  committing: t(
    '正在保存并分级… 已用 {seconds} 秒（在后台进行，完成后显示结果）',
    'Storing and grading… {seconds} s (in the background; the result shows when done)',
  ),
  sheet: t('工作表', 'Sheet'),
  chooseSheet: t('文件中有多个工作表，请选择要导入的一个：', 'The file has several sheets: choose the one to import:'),
  sheetRows: t('{rows} 行', '{rows} rows'),
  sheetHidden: t('（隐藏）', '(hidden)'),
  sheetProblem: t('不可导入', 'cannot be imported'),
  chosen: t('识别结果', 'What was found'),
  headerAt: t(
    '表头在第 {row} 行（{count} 行表头），数据区 {range}',
    'Header at row {row} ({count} header row(s)), data in {range}',
  ),
  dataRows: t('{rows} 行数据，{columns} 列', '{rows} data rows, {columns} columns'),
  encoding: t('文字编码：{encoding}', 'Text encoding: {encoding}'),
  next: t('下一步：列映射与预览', 'Next: mapping and preview'),
  refused: t('{count} 行不能导入，将计入“拒绝”：', '{count} row(s) cannot be imported and count as rejected:'),
  refusedRow: t('第 {row} 行：', 'Row {row}: '),
  damagedTitle: t('含无法识别字符的行（{count}）', 'Rows with unreadable characters ({count})'),
  damaged: t(
    '文件中有 {bytes} 处字节无法按 {encoding} 读出，显示为 �，在以下 {count} 行。请选择导入这些行（� 原样保留，之后可在工作台修改）还是不导入：',
    '{bytes} byte sequence(s) of the file cannot be read as {encoding}; they show as � in the {count} row(s) below. Import these rows (the � kept, to correct in the workbench) or leave them out:',
  ),
  damagedMore: t('另有 {count} 行未列出。', '{count} more row(s) not listed.'),
  rowNumber: t('第 {row} 行', 'Row {row}'),
  keepDamaged: t('导入这些行', 'Import these rows'),
  dropDamaged: t('不导入这 {count} 行', 'Leave out these {count} row(s)'),
  another: t('导入另一个文件', 'Import another file'),
  done: t(
    '已导入：新增 {new}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}',
    'Imported: {new} new, {updated} updated, {unchanged} unchanged, {rejected} rejected',
  ),
  undo: t('撤销这次导入', 'Undo this import'),
  undone: t('已撤销：恢复 {restored} 位，删除 {removed} 位', 'Undone: {restored} restored, {removed} removed'),
  failed: t('出错了：{error}', 'Something went wrong: {error}'),
} as const;
