// The words of the capture preview's "what the portal's grades mean" section, Chinese first.
import type { Messages } from '@/lib/i18n';

export const LETTER_MESSAGES = {
  title: { zh: '级别含义', en: "What this portal's grade letters mean" },
  hint: {
    zh: '各系统的级别字母含义不同 (有的系统 D 表示战败, 不是交车)。在此设定后保存在站点配置中, 以后的抓取按此读取。',
    en: 'Portals differ in what a letter means (on some, D marks a defeated lead, not a delivered customer). What you set here is saved in the site profile and applied to later captures.',
  },
  letter: { zh: '系统原级别', en: 'Portal grade' },
  rows: { zh: '行数', en: 'Rows' },
  meaning: { zh: '含义', en: 'Means' },
  why: { zh: '依据', en: 'Why' },
  byRules: { zh: '按分级规则', en: 'as the grading rules read it' },
  lead: { zh: '潜在客户 (意向级别)', en: 'a lead (intent grade)' },
  ordered: { zh: '订车客户', en: 'ordered' },
  delivered: { zh: '交车客户', en: 'delivered' },
  owner: { zh: '保有客户', en: 'owner' },
  defeated: { zh: '战败客户', en: 'defeated' },
  fromProfile: { zh: '站点配置', en: 'site profile' },
  manual: { zh: '手动', en: 'manual' },
  guessed: { zh: '推测', en: 'guessed' },
} satisfies Messages;
