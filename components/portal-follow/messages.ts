// Following the portal's words (Chinese first, English beside): one quiet line on the panel.
import type { Bilingual } from '@/lib/i18n';

export const FOLLOW_TEXT = {
  on: { zh: '跟随采集已开启', en: 'Following this portal' },
  count: { zh: '已跟随采集 {n} 位客户', en: 'Followed {n}' },
  rejected: { zh: '{n} 行缺手机号/车架号/客户编号未采集', en: '{n} rows without mobile, VIN or number' },
  failed: {
    zh: '跟随采集暂未保存本页，将在下次翻页时重试：{error}',
    en: 'Following could not store this page; it tries again at the next change: {error}',
  },
} satisfies Record<string, Bilingual>;
