export const MESSAGES = {
  title: { zh: 'DealerLens 设置', en: 'DealerLens settings' },
  rules: { zh: '分级规则', en: 'Grading rules' },
  reminders: { zh: '提醒', en: 'Reminders' },
  data: { zh: '数据备份与导入', en: 'Data: backup and import' },
  portals: { zh: '已启用的系统', en: 'Enabled portals' },
  importFile: { zh: '从 Excel / CSV 导入客户', en: 'Import customers from Excel / CSV' },
  openWorkbench: { zh: '打开工作台', en: 'Open the workbench' },
} as const;
