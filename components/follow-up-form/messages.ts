// Every text of the follow-up form (docs/architecture.md#text-and-languages), Chinese first with English.
import { STAGE_LABELS } from '@/lib/customer';
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  title: { zh: '记录跟进', en: 'Log a follow-up' },
  channel: { zh: '方式', en: 'Channel' },
  outcome: { zh: '结果', en: 'Outcome' },
  outcomePlaceholder: { zh: '跟进结果 (可选上方快捷项)', en: 'What came of it (or pick one above)' },
  newGrade: { zh: '新级别', en: 'New grade' },
  newStage: { zh: '新阶段', en: 'New stage' },
  unchanged: { zh: '不变', en: 'Unchanged' },
  defeatReason: { zh: '战败原因', en: 'Defeat reason' },
  defeatDetail: { zh: '补充说明 (如竞品名称)', en: 'Details (e.g. the competitor)' },
  note: { zh: '备注', en: 'Note' },
  noteHint: { zh: 'Enter 保存, Shift+Enter 换行, Esc 取消', en: 'Enter saves, Shift+Enter new line, Esc cancels' },
  nextContact: { zh: '下次联系', en: 'Next contact' },
  nextContactProposed: { zh: '按 {grade} 级标准每 {days} 天', en: 'every {days} days by grade {grade}' },
  nextContactChosen: { zh: '已手动设定', en: 'set by hand' },
  save: { zh: '保存', en: 'Save' },
  saving: { zh: '保存中…', en: 'Saving…' },
  cancel: { zh: '取消', en: 'Cancel' },
  outcomeRequired: { zh: '请填写或选择跟进结果', en: 'Enter or pick an outcome' },
  reasonRequired: { zh: '战败客户须选择战败原因', en: 'A defeated customer needs a defeat reason' },
  failed: { zh: '保存失败: {error}', en: 'Not saved: {error}' },
  pickReached: { zh: '已接通', en: 'Reached' },
  pickNoAnswer: { zh: '未接通', en: 'No answer' },
  pickVisitBooked: { zh: '约到店', en: 'Visit booked' },
  pickInfoSent: { zh: '已发资料', en: 'Info sent' },
  pickNotNow: { zh: '暂不考虑', en: 'Not now' },
  // The stages in a 4S store's words, one list for the whole UI (lib/customer.ts).
  stage_lead: STAGE_LABELS.lead,
  stage_ordered: STAGE_LABELS.ordered,
  stage_delivered: STAGE_LABELS.delivered,
  stage_owner: STAGE_LABELS.owner,
  stage_defeated: STAGE_LABELS.defeated,
} satisfies Messages;

/** Quick picks of the outcome field; the stored outcome is the Chinese text (what the team reads in the log). */
export const OUTCOME_PICKS = [
  MESSAGES.pickReached,
  MESSAGES.pickNoAnswer,
  MESSAGES.pickVisitBooked,
  MESSAGES.pickInfoSent,
  MESSAGES.pickNotNow,
] as const;
