export const MESSAGES = {
  heading: { zh: '已启用的经销商系统', en: 'Enabled portals' },
  explain: {
    zh: 'DealerLens 只在下列网站上自动显示按钮、读取客户列表。停用后，DealerLens 不再读取该网站；需要时可在该系统页面上点击工具栏图标重新启用。',
    en: 'DealerLens shows its button and reads customer lists only on these sites. Disable one and DealerLens stops reading it; enable it again from the toolbar icon on that portal.',
  },
  none: {
    zh: '还没有启用任何系统。在经销商系统的客户列表页点击工具栏图标 → 在此系统上始终启用。',
    en: 'No portal is enabled yet. On your portal’s customer list, click the toolbar icon → Always enable on this portal.',
  },
  disable: { zh: '停用', en: 'Disable' },
  disabled: { zh: '已停用', en: 'Disabled' },
  failed: { zh: '浏览器没有停用该网站，请重试。', en: 'The browser did not disable this site. Try again.' },
} as const;
