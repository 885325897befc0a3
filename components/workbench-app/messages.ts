export const MESSAGES = {
  audit: { zh: '跟进检核', en: 'Follow-up audit' },
  closeAudit: { zh: '关闭检核', en: 'Close the audit' },
  importFile: { zh: '导入文件', en: 'Import a file' },
  settings: { zh: '设置', en: 'Settings' },
  storageBlocked: {
    zh: '浏览器阻止了嵌入在网页中的 DealerLens 读取本地数据（第三方 Cookie 已被阻止）。请在新标签页中打开工作台，或在浏览器设置中允许第三方 Cookie。',
    en: 'The browser blocks DealerLens, embedded in this page, from its local data (third-party cookies are blocked). Open the workbench in a tab, or allow third-party cookies in the browser settings.',
  },
  openInTab: { zh: '在新标签页打开工作台', en: 'Open the workbench in a tab' },
} as const;
