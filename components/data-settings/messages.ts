// Every text of the data section (backup and restore), Chinese first with English beside.
import type { Bilingual } from '@/lib/i18n';

const t = (zh: string, en: string): Bilingual => ({ zh, en });

export const MESSAGES = {
  title: t('数据备份与恢复', 'Backup and restore'),
  intro: t(
    '备份包含全部客户、历史记录、跟进记录、批次、分级规则、站点配置和设置，保存为一个 JSON 文件。',
    'A backup holds every customer, history, follow-up, batch, rule set, site profile and setting, in one JSON file.',
  ),
  exportBackup: t('导出备份', 'Export backup'),
  exporting: t('正在导出…', 'Exporting…'),
  exported: t('已导出 {file}（{customers} 位客户）', 'Exported {file} ({customers} customers)'),
  pickFile: t('选择备份文件恢复', 'Restore from a backup file'),
  reading: t('正在读取备份…', 'Reading the backup…'),
  migrated: t(
    '备份来自旧版本（数据库版本 {from}），已转换为当前版本。',
    'The backup is from an older version (database version {from}) and was converted.',
  ),
  exportedAt: t('备份时间：{at}', 'Taken at: {at}'),
  table: t('数据表', 'Table'),
  inBackup: t('备份中', 'In backup'),
  stored: t('现有', 'Stored now'),
  mergeAdd: t('合并：新增', 'Merge: add'),
  mergeReplace: t('合并：以备份更新', 'Merge: update'),
  mergeSkip: t('合并：保留现有', 'Merge: keep stored'),
  conflicts: t(
    '{count} 位备份中的客户与现有客户手机号/车架号/客户编号相同：合并时保留现有记录，其跟进和历史并入现有客户。',
    '{count} backup customers share a mobile, VIN or customer no. with a stored one: a merge keeps the stored record and attaches their follow-ups and history to it.',
  ),
  unknown: t(
    '备份中有本版本没有的数据表，将忽略：{tables}',
    'Tables this version does not have are left out: {tables}',
  ),
  merge: t('合并：保留现有数据，加入备份中没有的', 'Merge: keep what is stored, add what the backup has besides'),
  replace: t('替换：清空现有数据，恢复为备份内容', 'Replace: clear the database and restore the backup exactly'),
  replaceWarning: t(
    '将删除现有的 {customers} 位客户及全部记录；恢复后可在本页撤销，离开本页后无法撤销。',
    'This deletes the {customers} stored customers and every record; you can undo it on this page until you leave it.',
  ),
  confirm: t('确认恢复', 'Restore'),
  undo: t('撤销恢复', 'Undo the restore'),
  undoHint: t(
    '把数据退回恢复之前的样子；恢复之后又有新的抓取、跟进或修改时不能撤销。',
    'Puts the data back as it was before the restore; not once anything was captured, logged or edited since.',
  ),
  undoing: t('正在撤销恢复…', 'Undoing the restore…'),
  undone: t(
    '已撤销恢复：数据已退回恢复之前（{customers} 位客户）。',
    'Restore undone: the data is as it was before ({customers} customers).',
  ),
  cancel: t('取消', 'Cancel'),
  restoring: t('正在恢复…', 'Restoring…'),
  restored: t(
    '恢复完成：写入 {customers} 位客户，共 {rows} 条记录。',
    'Restored: {customers} customers written, {rows} rows in all.',
  ),
  spreadsheetPicked: t(
    '这是 Excel 表格，不是 DealerLens 备份文件。要导入客户名单，请用「从文件导入」；恢复请选择 DealerLens 导出的备份（.json）。',
    'This is an Excel workbook, not a DealerLens backup. To import a customer list, use Import from a file; to restore, pick a backup DealerLens exported (.json).',
  ),
  notBackup: t(
    '这不是 Excel、CSV 或备份文件，而是{kind}。请选择 DealerLens 导出的备份文件（.json）。',
    'This is not an Excel, CSV or backup file: it is {kind}. Pick a backup file DealerLens exported (.json).',
  ),
  failed: t('失败，数据未改变：{error}', 'Failed, nothing was changed: {error}'),
} as const;

export const TABLE_NAMES: Record<string, Bilingual> = {
  customers: t('客户', 'Customers'),
  history: t('修改历史', 'History'),
  followUps: t('跟进记录', 'Follow-ups'),
  batches: t('采集批次', 'Batches'),
  batchSnapshots: t('撤销快照', 'Undo snapshots'),
  profiles: t('站点配置', 'Site profiles'),
  ruleSets: t('分级规则', 'Rule sets'),
  settings: t('设置', 'Settings'),
};
