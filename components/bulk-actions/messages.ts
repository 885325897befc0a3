// Every text of the bulk actions toolbar (docs/architecture.md#text-and-languages), Chinese first with English.
import { STAGE_LABELS } from '@/lib/customer';
import type { Messages } from '@/lib/i18n';

export const MESSAGES = {
  toolbar: { zh: '批量操作', en: 'Bulk actions' },
  selected: { zh: '已选 {n} 位客户', en: '{n} customers selected' },
  reassign: { zh: '转交顾问', en: 'Reassign' },
  stage: { zh: '设阶段', en: 'Set stage' },
  grade: { zh: '设级别', en: 'Set grade' },
  tag: { zh: '加标签', en: 'Add tag' },
  invite: { zh: '活动邀约', en: 'Invite to event' },
  delete: { zh: '删除', en: 'Delete' },
  eventLabel: { zh: '活动名称', en: 'Event' },
  eventPlaceholder: { zh: '如: 周末试驾会', en: 'e.g. weekend test-drive day' },
  eventAtLabel: { zh: '活动日期', en: 'Event date' },
  inviteHint: {
    zh: '只邀约所选客户中的 B、C 级客户: 活动前 7 天 (活动更近时为今天) 起应跟进邀约。',
    en: 'Only the B and C leads among the selected are invited: the invitation is due 7 days before the event (today, when the event is nearer).',
  },
  consultant: { zh: '新顾问', en: 'New consultant' },
  stageLabel: { zh: '阶段', en: 'Stage' },
  gradeLabel: { zh: '级别', en: 'Grade' },
  tagLabel: { zh: '标签', en: 'Tag' },
  defeatReason: { zh: '战败原因', en: 'Defeat reason' },
  confirmDelete: {
    zh: '确定删除这 {n} 位客户及其跟进记录? 可以撤销。',
    en: 'Delete these {n} customers and their follow-ups? You can undo it.',
  },
  apply: { zh: '确定', en: 'Apply' },
  cancel: { zh: '取消', en: 'Cancel' },
  working: { zh: '处理中…', en: 'Working…' },
  done_reassign: { zh: '已转交 {n} 位客户', en: '{n} customers reassigned' },
  done_stage: { zh: '已设置 {n} 位客户的阶段', en: 'Stage set for {n} customers' },
  done_grade: { zh: '已设置 {n} 位客户的级别', en: 'Grade set for {n} customers' },
  done_tag: { zh: '已给 {n} 位客户加标签', en: 'Tag added to {n} customers' },
  done_invite: {
    zh: '已安排邀约 {n} 位 B/C 级客户 ({skipped} 位不是 B/C 级或已邀约, 未安排)',
    en: '{n} B/C leads to invite ({skipped} not B/C or already invited: left out)',
  },
  done_delete: { zh: '已删除 {n} 位客户', en: '{n} customers deleted' },
  undo: { zh: '撤销上次批量操作 ({action}, {n} 位)', en: 'Undo the last bulk action ({action}, {n})' },
  undone: { zh: '已撤销, 恢复 {n} 位客户', en: 'Undone: {n} customers restored' },
  redo: { zh: '重做上次批量操作 ({action}, {n} 位)', en: 'Redo the last bulk action ({action}, {n})' },
  redone: { zh: '已重做, {n} 位客户', en: 'Redone: {n} customers' },
  required: { zh: '请先填写', en: 'Fill this in first' },
  failed: { zh: '失败: {error}', en: 'Failed: {error}' },
  // The stages in a 4S store's words, one list for the whole UI (lib/customer.ts).
  stage_lead: STAGE_LABELS.lead,
  stage_ordered: STAGE_LABELS.ordered,
  stage_delivered: STAGE_LABELS.delivered,
  stage_owner: STAGE_LABELS.owner,
  stage_defeated: STAGE_LABELS.defeated,
} satisfies Messages;
