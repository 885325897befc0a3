// The header dictionary: what real dealer portals (DMS, CRM, after-sales
// systems) call each canonical field of lib/customer.ts, in Chinese and
// English. Be generous: docs/capture.md#synonyms expects portals nobody here has seen.

import type { FieldName } from '../customer';
import { cleanText } from './parse';

/** Every word of `heads` followed by every word of `tails` ('' leaves the head alone). */
function combine(heads: readonly string[], tails: readonly string[]): string[] {
  return heads.flatMap((h) => tails.map((t) => h + t));
}

// Dates of visits and contacts, as dealer portals name them: a visit word
// (到店 for the showroom, 进厂 for the workshop), which visit (首次 / 最近 …)
// and 日期 or 时间 after it.
const WHEN = ['', '日期', '时间', '日'];
const LATEST = ['最近', '上次', '最后', '末次', '最新', '近次'];
/** Showroom visits: a lead's visit is a contact. */
const SHOWROOM = ['到店', '来店', '进店', '到访', '来访', '到展厅', '进展厅'];
/** Workshop visits: an owner's service. */
const WORKSHOP = ['进厂', '进站', '回厂', '入厂', '来厂', '到厂', '回站', '维修', '保养'];
/** Contacts by phone or message, and the follow-up log. */
const CONTACT = ['回访', '跟进', '联系', '沟通', '电访', '致电', '外呼', '邀约'];

const VISIT_DATES = {
  // 到店日期 on a lead list is the visit that made the lead; 建档 / 登记 / 创建 / 录入 is when the portal first recorded it.
  firstVisitAt: [
    ...combine(SHOWROOM.filter((w) => !w.includes('展厅')), WHEN.slice(1)),
    ...combine(combine(['首次', '首访', '第一次', '初次'], SHOWROOM), WHEN),
    ...combine(['建档', '登记', '创建', '录入', '建卡', '新建', '留档', '留资', '入库', '注册', '线索创建', '线索生成', '客户创建', '线索登记', '首次接触'], ['日期', '时间']),
  ],
  lastContactAt: [
    ...combine(combine(LATEST, SHOWROOM), WHEN),
    ...combine(combine(LATEST, CONTACT), WHEN),
    ...combine(CONTACT.filter((w) => w !== '邀约'), ['日期', '时间']),
  ],
  lastServiceAt: [
    ...combine(combine(LATEST, WORKSHOP), WHEN),
    ...combine(WORKSHOP.filter((w) => w !== '维修' && w !== '保养'), ['日期', '时间']),
  ],
} as const;

export const HEADER_SYNONYMS: Record<FieldName, readonly string[]> = {
  name: [
    '姓名', '客户姓名', '客户名称', '客户名', '客户', '联系人', '联系人姓名', '车主', '车主姓名', '车主名称', '用户姓名',
    '用户名称', '顾客姓名', '顾客', '客户全称', '名字', '客户名字', '购车人', '购买人', '名称',
    'Name', 'Customer', 'Customer name', 'Full name', 'Client', 'Client name', 'Contact', 'Contact name', 'Owner name',
    // Card lists name their parts by class or field name (cust-name, customerName).
    'cust-name', 'cname', 'custName', 'customerName', 'userName',
  ],
  phone: [
    '手机', '手机号', '手机号码', '联系电话', '电话', '移动电话', '联系方式', '联系手机', '客户手机', '客户电话', '客户手机号', '客户手机号码',
    '车主手机', '车主电话', '电话号码', '手机/电话', '联系号码', '手机电话', '常用手机', '手机1', '电话1', '联系人电话',
    'Mobile', 'Phone', 'Mobile phone', 'Mobile number', 'Phone number', 'Tel', 'Telephone', 'Cell', 'Cellphone',
    'Contact number', 'Mobile no', 'Phone no',
  ],
  idNumber: [
    '身份证号', '身份证', '身份证号码', '证件号', '证件号码', '证件编号', '身份证件号', '身份证件号码', '公民身份号码',
    '证件号(身份证)', 'ID number', 'ID card', 'ID no', 'ID card no', 'Identity number', 'National ID',
  ],
  gender: ['性别', '客户性别', 'Gender', 'Sex'],
  birthday: [
    '生日', '出生日期', '出生年月日', '出生年月', '客户生日', '生日日期', 'Birthday', 'Date of birth', 'Birth date', 'DOB',
  ],
  district: [
    '区域', '所属区域', '区县', '地区', '所在区域', '所在地区', '所属地区', '行政区', '行政区域', '县区', '所在区县',
    '片区', '城区', '所属区县', '客户区域', '区/县', 'District', 'Region', 'Area', 'County',
  ],
  address: [
    '地址', '联系地址', '住址', '家庭住址', '家庭地址', '通讯地址', '详细地址', '居住地址', '客户地址', '现住址', '联系住址',
    'Address', 'Home address', 'Contact address',
  ],
  occupation: ['职业', '职务', '行业', '从事行业', '客户职业', '所属行业', '工作性质', 'Occupation', 'Job', 'Profession', 'Industry'],
  source: [
    '来源', '信息来源', '客户来源', '渠道', '来源渠道', '获客渠道', '线索来源', '客户渠道', '来店渠道', '来店方式',
    '信息渠道', '集客方式', '集客渠道', '客源', 'Source', 'Channel', 'Lead source', 'Customer source',
  ],
  referrer: ['介绍人', '推荐人', '转介绍人', '推荐人姓名', '介绍人姓名', 'Referrer', 'Referred by', 'Introducer'],
  consultant: [
    '销售顾问', '顾问', '跟进人', '所属顾问', '负责人', '销售员', '业务员', '服务顾问', '所属销售', '跟进顾问', '专营顾问',
    '归属顾问', '责任顾问', '客户经理', '顾问姓名', '销售顾问姓名', '销售人员', '跟进销售', '所属销售顾问', '接待顾问', '接待人', '销售代表', '跟进人员',
    'Consultant', 'Sales consultant', 'Salesperson', 'Sales rep', 'Sales', 'Advisor', 'Service advisor', 'Account manager',
  ],
  stage: [
    '客户状态', '阶段', '销售阶段', '状态', '客户阶段', '跟进状态', '线索状态', '客户类别', '销售状态', '当前状态',
    'Stage', 'Status', 'Sales stage', 'Customer status', 'Lead status',
  ],
  portalGrade: [
    '意向级别', '客户级别', '级别', '系统原级别', '系统级别', 'DMS级别', '意向等级', '客户等级', '等级', '客户分级', '意向度', '购买意向', '意向程度', '热度',
    '跟进级别', '客户意向级别', 'Grade', 'Level', 'Customer grade', 'Intent level', 'Rating', 'lv', 'custLevel', 'intentLevel',
  ],
  intendedModel: [
    '意向车型', '意向车系', '关注车型', '意向车', '感兴趣车型', '预购车型', '意向品牌车型', '拟购车型', '意向车型配置',
    'Intended model', 'Interested model', 'Model of interest',
  ],
  firstVisitAt: [
    '首次到店', '首次到店时间', '首次到店日期', '建档日期', '建档时间', '首次来店', '首次来店时间', '首次来店日期',
    '创建时间', '创建日期', '录入时间', '录入日期', '登记日期', '登记时间', '首次接触时间', '首次接触日期', '建卡日期',
    'First visit', 'First visit date', 'Created at', 'Create time', 'Created date', 'Visit date',
    ...VISIT_DATES.firstVisitAt,
  ],
  lastContactAt: [
    '最近跟进', '最后联系时间', '上次联系', '最近联系时间', '最近联系', '最后联系', '最后跟进时间', '最近跟进时间',
    '最后跟进', '上次跟进', '上次跟进时间', '最近回访', '最近回访时间', '最后回访时间', '跟进时间', '跟进日期',
    '回访日期', '回访时间', '上次联系时间', '最近联系日期', '最后跟进日期',
    'Last contact', 'Last contacted', 'Last follow-up', 'Last follow up', 'Last contact date', 'Last visit date',
    ...VISIT_DATES.lastContactAt,
  ],
  expectedPurchaseAt: [
    '预计购车时间', '预购时间', '计划购车', '预计购车', '预计购车日期', '计划购车时间', '预计成交日期', '预计成交时间',
    '预计成交', '预计下单时间', '拟购时间', '计划购买时间', '预计购买时间',
    'Expected purchase', 'Expected purchase date', 'Expected close', 'Expected close date',
  ],
  defeatReason: [
    '战败原因', '流失原因', '战败说明', '失败原因', '战败类型', '战败原因说明', '流失说明',
    'Defeat reason', 'Lost reason', 'Loss reason', 'Reason lost',
  ],
  competitor: [
    '竞品', '竞争品牌', '竞品车型', '购买竞品', '他购品牌', '他购车型', '竞品品牌', '对比车型', '竞争车型',
    'Competitor', 'Competing brand', 'Competitor model',
  ],
  vin: [
    '车架号', '底盘号', 'VIN', 'VIN码', 'VIN号', '车辆识别代号', '车辆识别号', '车辆识别码', '车架号码', '车架号/VIN',
    'VIN no', 'Chassis no', 'Chassis number', 'Frame number',
  ],
  plate: [
    '车牌', '车牌号', '车牌号码', '牌照', '牌照号', '牌照号码', '号牌', '号牌号码', '车号',
    'Plate', 'Plate number', 'Plate no', 'License plate', 'Licence plate', 'Registration',
  ],
  vehicleModel: [
    '车型', '车辆型号', '购买车型', '车系', '车型名称', '品牌车型', '车型车系', '车款', '所购车型', '车辆车型', '车型代码',
    'Vehicle model', 'Model', 'Car model', 'Vehicle',
  ],
  purchasedAt: [
    '购车日期', '开票日期', '购买日期', '购车时间', '成交日期', '开票时间', '销售日期', '成交时间', '购车日', '发票日期',
    'Purchase date', 'Purchased', 'Invoice date', 'Sale date', 'Sold date',
  ],
  deliveredAt: ['交车日期', '交车时间', '提车日期', '提车时间', '交付日期', '交付时间', 'Delivery date', 'Delivered', 'Delivered date'],
  firstServiceDueAt: [
    '首保日期', '首保到期', '首保到期日', '首保到期日期', '首保时间', '首次保养日期', '首保截止日期', '首保截止',
    'First service', 'First service due', 'First service date',
  ],
  mileageKm: [
    '行驶里程', '里程', '当前里程', '里程数', '进站里程', '公里数', '表显里程', '最近里程', '进厂里程', '当前公里数',
    'Mileage', 'Odometer', 'Kilometres', 'Kilometers',
  ],
  annualMileageKm: ['年行驶里程', '年里程', '年均里程', '年均行驶里程', '每年里程', '年行驶公里数', 'Annual mileage', 'Yearly mileage'],
  lastServiceAt: [
    '最近进站', '最后进厂日期', '上次进厂', '最近保养日期', '最近进站日期', '最近进站时间', '最后进站', '最后进站日期',
    '上次进站', '上次进站日期', '上次保养', '上次保养日期', '最近进厂', '最近进厂日期', '最后进厂', '上次进厂日期',
    '最近维修日期', '最后保养日期', '最近保养', '最近到店维修', '末次进站', 'Last service', 'Last service date', 'Last visit',
    ...VISIT_DATES.lastServiceAt,
  ],
  serviceVisits: [
    '进站次数', '进厂次数', '保养次数', '维修次数', '回厂次数', '累计进站次数', '累计进厂次数',
    'Service visits', 'Visits', 'Visit count',
  ],
  totalSpend: [
    '累计消费', '消费金额', '累计金额', '累计消费金额', '消费总额', '总消费', '总金额', '累计产值', '消费合计', '维修金额合计',
    '累计维修金额', 'Total spend', 'Spend', 'Total amount', 'Lifetime value',
  ],
  vehicleUse: ['车辆用途', '用途', '使用性质', '车辆性质', '营运性质', '车辆使用性质', 'Vehicle use', 'Usage', 'Use'],
  complaints: ['投诉次数', '投诉', '投诉数', '投诉记录数', 'Complaints', 'Complaint count'],
  eventsAttended: ['参加活动', '活动次数', '参加活动次数', '参与活动', '参与活动次数', 'Events attended', 'Events'],
  referrals: ['转介绍', '转介绍数', '转介绍次数', '推荐数', '介绍客户数', '转介绍客户数', 'Referrals', 'Referral count'],
  satisfaction: ['满意度', '满意程度', '客户满意度', '满意度评价', '满意度等级', 'Satisfaction', 'CSI'],
  notes: ['备注', '说明', '备注信息', '客户备注', '跟进记录', '跟进内容', '情况说明', 'Notes', 'Note', 'Remark', 'Remarks', 'Memo', 'Comment', 'Comments'],
  portalId: [
    '客户编号', '客户ID', '档案号', '客户代码', '客户号', '会员号', '档案编号', '客户档案号', '线索编号', '客户编码',
    '编号', 'ID', 'Customer ID', 'Customer no', 'Customer number', 'Customer code', 'Lead ID',
    'cust-no', 'custNo', 'custId', 'custCode', 'customerNo', 'customerId',
  ],
};

const PARENS = /\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>/g;
const PUNCT_SPACE = /[\s\p{P}\p{S}]/gu;

/**
 * A header as the dictionary compares it: half-width, lower case, without
 * units in parentheses (（元）, (km), (公里)), whitespace, punctuation and the
 * required-field '*' or trailing '：' some portals print.
 */
export function normalizeHeader(header: string): string {
  // 'Customer #' and 'VIN #' are numbers: read '#' as 'no' before punctuation goes.
  const s = cleanText(header).toLowerCase().replace(/\s*#\s*$/, 'no');
  const withoutUnits = s.replace(PARENS, '').replace(PUNCT_SPACE, '');
  return withoutUnits || s.replace(PUNCT_SPACE, '');
}

// Words too generic to identify a field when they only appear inside a
// longer header (客户类型 is not a name, 编号 inside 车辆编号 is not ours).
const NOT_FOR_CONTAINS = new Set(
  ['客户', '名称', '顾客', '状态', '级别', '等级', '编号', '销售', '用途', '说明', '区域', '地区', '来源', '渠道', '阶段',
   '投诉', '车型', '车系', '电话', '行业', '职务', '联系人', '车主', '热度', '车号', '城区', '片区', '客源']
    .map((w) => normalizeHeader(w)),
);
const MIN_ASCII_CONTAINS = 4;

const EXACT = new Map<string, FieldName>();
const CONTAINS: { word: string; field: FieldName }[] = [];
for (const [field, words] of Object.entries(HEADER_SYNONYMS) as [FieldName, readonly string[]][]) {
  for (const w of words) {
    const key = normalizeHeader(w);
    if (!EXACT.has(key)) EXACT.set(key, field);
    const ascii = /^[a-z0-9]+$/.test(key);
    if (!NOT_FOR_CONTAINS.has(key) && key.length >= (ascii ? MIN_ASCII_CONTAINS : 2)) CONTAINS.push({ word: key, field });
  }
}
// Longest words first, so 年行驶里程 wins over 里程 inside 年均行驶里程数.
CONTAINS.sort((a, b) => b.word.length - a.word.length);

const HARMLESS_TAILS = new Set(
  ['日期', '时间', '日', '号', '号码', '信息', '名称', '姓名', '名', '数', '次数', 'date', 'time', 'no', 'number', 'count', 'name'],
);
const FORWARD = /下次|下一次|下回|计划|预约|预计|next|planned|scheduled/;
const FORWARD_FIELDS = new Set<FieldName>(['expectedPurchaseAt', 'firstServiceDueAt']);

export interface HeaderMatch {
  field: FieldName;
  /** 'exact': the whole header is a synonym; 'contains': a synonym inside a longer header. */
  how: 'exact' | 'contains';
}

/** The canonical field a header names, if the dictionary knows it. */
export function lookupHeader(header: string): HeaderMatch | undefined {
  const key = normalizeHeader(header);
  if (!key) return undefined;
  const exact = EXACT.get(key);
  if (exact) return { field: exact, how: 'exact' };
  // A trailing index (电话2, 手机号码1) names the same field.
  const unnumbered = key.replace(/\d+$/, '');
  const exactUnnumbered = unnumbered !== key && unnumbered ? EXACT.get(unnumbered) : undefined;
  if (exactUnnumbered) return { field: exactUnnumbered, how: 'exact' };
  // The longest synonym inside the header, where only a harmless tail
  // follows it (意向车型颜色 is a colour, not a model); on a tie the one named
  // first (介绍人姓名: the referrer's name, not the customer's).
  let best: { word: string; field: FieldName; at: number } | undefined;
  for (const { word, field } of CONTAINS) {
    if (best && word.length < best.word.length) break;
    const at = key.indexOf(word);
    if (at < 0 || (best && at >= best.at)) continue;
    const tail = key.slice(at + word.length);
    if (tail === '' || HARMLESS_TAILS.has(tail) || /^\d+$/.test(tail)) best = { word, field, at };
  }
  if (!best) return undefined;
  // 下次跟进时间 and 计划保养日期 are plans, not the past events those fields hold.
  if (FORWARD.test(key) && !FORWARD_FIELDS.has(best.field)) return undefined;
  return { field: best.field, how: 'contains' };
}

const TEN_THOUSAND_UNIT = /[([【][^)\]】]*万[^)\]】]*[)\]】]|单位[:：]?\s*万|\/\s*万/;

/** The multiplier a header's unit puts on bare numbers: 10000 for (万元) or (万公里), else 1. */
export function headerScale(header: string): number {
  return TEN_THOUSAND_UNIT.test(cleanText(header)) ? 10000 : 1;
}
