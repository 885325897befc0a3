// Every text of the rule settings page, Chinese first with English beside
// (docs/grading.md#g01-rule-sets), in one place: the views only name keys. Parameter labels are
// keyed by the rule-set field name, so the form generated from the rule-set
// data shape finds its label here; a field without one shows its key.
import { HOLIDAY_IDS, HOLIDAY_NAMES } from '@/lib/followup';
import type { StandardId } from '@/lib/grading';

export interface Text {
  readonly zh: string;
  readonly en: string;
}

const t = (zh: string, en: string): Text => ({ zh, en });

export const MESSAGES = {
  title: t('分级规则', 'Grading rules'),
  intro: t(
    '内置规则只读; 复制为我的规则后可修改。保存前会显示将改变多少位客户的级别。',
    'Built-in rule sets are read-only; copy one to edit it. Saving shows how many customers change grade first.',
  ),
  ruleSets: t('规则列表', 'Rule sets'),
  builtIn: t('内置', 'Built-in'),
  mine: t('我的规则', 'Mine'),
  active: t('正在使用', 'Active'),
  invalidStored: t('已损坏, 不能使用', 'Invalid, cannot be used'),
  copy: t('复制为我的规则', 'Copy'),
  edit: t('编辑', 'Edit'),
  remove: t('删除', 'Delete'),
  use: t('设为当前', 'Use'),
  copySuffix: t('(我的)', '(mine)'),
  name: t('名称', 'Name'),
  readOnly: t('内置规则只读, 请先复制。', 'Built-in rule sets are read-only: copy one first.'),
  save: t('保存', 'Save'),
  discard: t('放弃修改', 'Discard'),
  standardOn: t('启用此标准', 'Standard on'),
  refused: t('未保存: 有 {n} 处需要修改 (见标红的字段)。', 'Not saved: {n} fields need changing (marked in red).'),
  previewing: t('正在计算将改变的级别…', 'Working out which grades change…'),
  previewTitle: t('确认规则修改', 'Confirm the rule change'),
  previewChanged: t('将改变 {n} 位客户的级别', '{n} customers change grade'),
  previewOf: t('(共 {total} 位)', '(of {total})'),
  previewNone: t('没有客户的级别改变', 'No customer changes grade'),
  previewDue: t('另有 {n} 位客户的跟进日期改变', 'follow-up dates move for {n} customers'),
  confirm: t('确认并启用', 'Confirm and use'),
  saveOnly: t('仅保存', 'Save only'),
  cancel: t('取消', 'Cancel'),
  applying: t('正在重新分级…', 'Re-grading…'),
  applied: t(
    '已启用 “{name}”, 重新分级 {total} 位客户, 其中 {n} 位的级别或跟进日期已更新。',
    '"{name}" is in use: {total} customers re-graded, {n} of them with new grades or dates.',
  ),
  undoChange: t('撤销这次规则变更', 'Undo this rule change'),
  undone: t(
    '已撤销: 恢复启用 “{name}”, 重新分级 {total} 位客户。',
    'Undone: "{name}" is in use again, {total} customers re-graded.',
  ),
  saved: t('已保存 “{name}”。', '"{name}" saved.'),
  deleted: t('已删除。', 'Deleted.'),
  addItem: t('添加', 'Add'),
  removeItem: t('移除', 'Remove'),
  addModel: t('添加车型', 'Add model'),
  modelName: t('车型名称', 'Model name'),
  openEnded: t('不设上限', 'Open-ended'),
  listHint: t('每行一项', 'one per line'),
  tryTitle: t('试算', 'Try'),
  tryHint: t(
    '选一位已存客户, 按正在编辑的规则查看各标准的级别和原因。',
    'Pick a stored customer to see each grade and its reason by the rules being edited.',
  ),
  trySearch: t('按姓名或手机搜索', 'Search by name or mobile'),
  tryNone: t('没有找到客户', 'No customer found'),
  tryInvalid: t('规则有误, 改正后才能试算。', 'Fix the rules to try them.'),
  nextDue: t('下次跟进', 'Next due'),
  due: { upcoming: t('未到期', 'upcoming'), due: t('今天到期', 'due today'), overdue: t('已逾期', 'overdue') },
  overdueDays: t('逾期 {n} 天', '{n} days overdue'),
  error: t('出错了', 'Something went wrong'),
} as const;

/** Short standard names for the preview line "意向级别 12, 流失 3". */
export const STANDARD_SHORT: Record<StandardId, Text> = {
  intent: t('意向级别', 'intent'),
  loyalty: t('基盘分级', 'base tier'),
  value: t('价值等级', 'value tier'),
  churn: t('流失', 'churn'),
  aftersales: t('售后细分', 'after-sales'),
  satisfaction: t('满意度', 'satisfaction'),
  defeated: t('战败', 'defeated'),
};

/** Labels of rule-set fields by name (the last segment of a field's path). */
export const PARAM_LABELS: Record<string, Text> = {
  enabled: t('启用', 'On'),
  bands: t('级别档位', 'Bands'),
  grade: t('级别', 'Grade'),
  within: t('预计成交期限', 'Expected close within'),
  unit: t('单位', 'Unit'),
  cadenceDays: t('电话回访间隔 (天)', 'Phone follow-up every (days)'),
  ordered: t('订车客户', 'Ordered customers'),
  deliveryNoticeDaysBefore: t('交车日前几天告知客户', 'Tell the customer this many days before delivery'),
  delivered: t('交车客户', 'Delivered customers'),
  arrivalCallHours: t('交车后几小时内回访 (到家平安)', 'Call within this many hours of delivery ("home safe?")'),
  weekCallDays: t('交车后几天内回访', 'Call within this many days of delivery'),
  firstServiceReminderDaysBefore: t('首保前几天提醒', 'Remind this many days before the first service'),
  quarterCallDays: t('交车后第几天做三个月回访', 'The three-month call, days after delivery'),
  callLeadDays: t('回访提前几天打也算 (天)', 'A call counts when made up to (days early)'),
  owner: t('保有客户', 'Owners'),
  holidays: t('节日问候', 'Holiday greetings'),
  birthday: t('生日问候', 'Birthday greeting'),
  leapBirthday: t('2月29日生日在平年', 'Feb 29 birthday in common years'),
  weights: t('权重', 'Weights'),
  satisfaction: t('满意度', 'Satisfaction'),
  complaints: t('投诉', 'Complaints'),
  maintenance: t('定期保养', 'Regular service'),
  repairs: t('本店维修', 'Repairs here'),
  events: t('参加活动', 'Events'),
  referrals: t('转介绍', 'Referrals'),
  satisfactionShares: t('各满意度得分 (1 为满分)', 'Points per satisfaction grade (1 = full points)'),
  complaintPenalty: t('每次投诉扣分 (1 为满分)', 'Points off per complaint (1 = full points)'),
  resolved: t('已解决', 'Resolved'),
  unresolved: t('未解决', 'Unresolved'),
  unknown: t('不详', 'Unknown'),
  servicesPerYear: t('每年保养几次得满分', 'Services a year for full points'),
  fullRepairs: t('本店维修几次得满分', 'Repairs here for full points'),
  fullEvents: t('参加几次活动得满分', 'Events for full points'),
  fullReferrals: t('转介绍几人得满分', 'Referrals for full points'),
  thresholds: t('分级门槛', 'Thresholds'),
  quality: t('优质客户最低分', 'Quality from (points)'),
  potential: t('潜力客户最低分', 'Potential from (points)'),
  minCoverage: t(
    '有数据的项目至少占几成才分级 (0.5 即五成)',
    'Grade only when items with data weigh at least (0.5 = half)',
  ),
  mode: t('分级方式', 'Mode'),
  minSpend: t('累计消费达 (元)', 'Total spend from (¥)'),
  minVisitsPerYear: t('每年进站达 (次)', 'Service visits a year from'),
  thresholdMonths: t('几个月未进站算流失', 'Churned after this many months without service'),
  serviceIntervalKm: t('保养间隔里程 (公里)', 'Service interval (km)'),
  warningShare: t(
    '保养间隔过了几成就预警 (0.8 即八成)',
    'Warn once this much of the service interval has passed (0.8 = 80%)',
  ),
  byModel: t('按车型', 'By model'),
  sanbao: t('三包期', 'Statutory warranty (三包)'),
  warranty: t('整车质保期', "Maker's warranty"),
  years: t('年', 'Years'),
  km: t('公里', 'km'),
  repeatRepairsInMonth: t(
    '一个月内质量返修几次为非常不满意 (E)',
    'Quality repairs in a month for very dissatisfied (E)',
  ),
  unresolvedCaseDays: t('投诉超过几天未结案为非常不满意 (E)', 'Days a case stays open for very dissatisfied (E)'),
  partsWaitDays: t('缺件超过几天为不满意 (D)', 'Days waiting for parts for dissatisfied (D)'),
  repairDays: t('维修超过几天为不满意 (D)', 'Days a repair takes for dissatisfied (D)'),
  keyAccountUses: t('重大客户的车辆用途 (F)', 'Key-account vehicle uses (F)'),
  keyAccountTypes: t('重大客户的身份 (F)', 'Key-account customer types (F)'),
  reasons: t('战败原因列表', 'Defeat reasons'),
  synonyms: t('原因同义词', 'Reason synonyms'),
  winBackCadenceDays: t('战败回访间隔 (天)', 'Win-back call every (days)'),
};

/** Labels of the choices of enumerated fields, by field name then value. */
export const CHOICES: Record<string, Record<string, Text>> = {
  unit: { day: t('天', 'days'), month: t('月', 'months') },
  mode: {
    thresholds: t('按消费/进站门槛', 'by thresholds'),
    quintiles: t('按本店五分位 (A = 前 20%)', 'by store quintiles (A = top 20%)'),
  },
  leapBirthday: { feb28: t('2月28日', 'Feb 28'), mar1: t('3月1日', 'Mar 1') },
};

/** Lists whose items come from a fixed set: shown as check boxes. */
export const LIST_CHOICES: Record<string, Record<string, Text>> = {
  holidays: Object.fromEntries(HOLIDAY_IDS.map((id) => [id, HOLIDAY_NAMES[id]])),
  keyAccountUses: {
    private: t('私家车', 'private'),
    official: t('公务车', 'official'),
    commercial: t('营运车', 'commercial'),
  },
};

/** "中文 / English" with {placeholders} filled. */
export function format(text: Text, values: Record<string, string | number> = {}): Text {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
  return { zh: fill(text.zh), en: fill(text.en) };
}

export const both = (text: Text): string => `${text.zh} / ${text.en}`;

export const labelOf = (key: string): Text => PARAM_LABELS[key] ?? { zh: key, en: key };
