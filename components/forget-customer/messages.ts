// Every text of 删除此客户（个人信息）, Chinese first with English beside (docs/architecture.md#text-and-languages).
import type { Bilingual } from '@/lib/i18n';

const t = (zh: string, en: string): Bilingual => ({ zh, en });

export const MESSAGES = {
  button: t('删除此客户（个人信息）', 'Forget this customer'),
  title: t('删除 {name} 的个人信息？', "Forget {name}'s personal data?"),
  what: t(
    '将永久删除：客户资料、修改历史、全部跟进记录，以及各次抓取批次中保留的副本（撤销用）。之后的视图、导出和备份都不会再有此客户；日志只记录删除时间和人数，不记录姓名或号码。此操作无法撤销。',
    "Removes for good: the customer's record, its change history, every follow-up, and the copies kept in capture batches (for undo). No view, export or backup made afterwards holds this customer; the log keeps only the time and the count, no name or number. This cannot be undone.",
  ),
  why: t(
    '用于客户依《个人信息保护法》要求删除其个人信息。',
    'For a customer who asks to have their personal data deleted under the Personal Information Protection Law (个人信息保护法).',
  ),
  confirm: t('确认删除', 'Forget'),
  cancel: t('取消', 'Cancel'),
  working: t('正在删除…', 'Forgetting…'),
  failed: t('删除失败，什么也没有删除：{error}', 'Could not forget the customer; nothing was removed: {error}'),
} as const;
