// The list of views' texts, Chinese first with English (docs/architecture.md#text-and-languages).
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  myViews: { zh: '我的视图', en: 'My views' },
  saveView: { zh: '保存为视图', en: 'Save as view' },
  viewName: { zh: '视图名称', en: 'View name' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  rename: { zh: '重命名', en: 'Rename' },
  remove: { zh: '删除', en: 'Delete' },
  confirmRemove: { zh: '删除视图 “{name}”?', en: 'Delete the view "{name}"?' },
} satisfies Messages;
