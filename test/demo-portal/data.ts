// Deterministic customers for the bundled demo portal: a 上汽大众 4S store in
// 惠州. The data follows docs/grading.md"The customer record", Standard 1
// for the lead grades, the defeat reason list) so every part of DealerLens
// meets believable values, and it is seeded so tests and benchmarks see the
// same store every run. No Math.random, no clock: `today` is passed in.

import type { CustomerFields, Gender, Stage, VehicleUse } from '../../lib/customer.ts';
import { civilFromDays } from '../../lib/calendar/days.ts';

export type PortalGrade = 'H' | 'A' | 'B' | 'C' | 'O' | 'D' | 'M';

/** One generated customer, with the canonical field names of lib/customer.ts. */
export interface DemoCustomer extends CustomerFields {
  /** 客户编号, unique, e.g. KH100001. */
  portalId: string;
  name: string;
  gender: Gender;
  /** 11-digit mainland mobile, unique across the store. */
  phone: string;
  district: string;
  address: string;
  source: string;
  consultant: string;
  stage: Stage;
  intendedModel: string;
  /** ISO date. */
  firstVisitAt: string;
  /** ISO local datetime 'YYYY-MM-DDTHH:mm'. */
  lastContactAt: string;
  complaints: number;
  notes: string;
  portalGrade?: PortalGrade;
}

export const DEFAULT_SEED = 20261123;
export const DEFAULT_TODAY = '2026-11-23';

export const STORE_NAME = '惠州市鑫达汽车销售服务有限公司';
export const BRAND = '上汽大众';

export const DISTRICTS = ['惠城区', '惠阳区', '博罗县', '惠东县', '龙门县', '大亚湾区', '仲恺区'] as const;
export const SOURCES = ['展厅', '电话', '网络', '转介绍', '车展'] as const;
export const CONSULTANTS = ['王芳', '李强', '陈静', '张伟', '刘洋', '黄丽', '林志明', '何晓东'] as const;
/** The preset defeat reasons of docs/grading.md#g82-defeat-reasons. */
export const DEFEAT_REASONS = [
  '价格高',
  '竞品',
  '车型/配置不符',
  '贷款未批',
  '经销商加价',
  '促销口径不一致',
  '交车周期长',
  '服务体验',
  '暂缓购车',
  '其他',
] as const;
/** The 上汽大众 line-up the store sells; `ev` models get green (new-energy) plates. */
export const MODELS = [
  { name: '朗逸', price: 12, ev: false },
  { name: '途观L', price: 22, ev: false },
  { name: '帕萨特', price: 20, ev: false },
  { name: '途岳', price: 16, ev: false },
  { name: '凌渡L', price: 15, ev: false },
  { name: '途昂', price: 30, ev: false },
  { name: '威然', price: 32, ev: false },
  { name: 'ID.4 X', price: 18, ev: true },
  { name: 'ID.3', price: 13, ev: true },
  { name: 'Polo Plus', price: 9, ev: false },
] as const;
export const COMPETITORS = [
  '丰田 凯美瑞',
  '本田 雅阁',
  '日产 天籁',
  '比亚迪 汉',
  '比亚迪 宋PLUS',
  '别克 君越',
  '特斯拉 Model Y',
  '本田 CR-V',
  '丰田 RAV4荣放',
  '吉利 星越L',
] as const;

// --- seeded random -----------------------------------------------------------

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: ArrayLike<T>): T => items[Math.floor(rng() * items.length)]!;

/** A weighted picker, cumulative weights computed once. */
function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of entries) cumulative.push((acc += w / total));
  return (rng) => {
    const r = rng();
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return entries[i]![0];
    return entries[entries.length - 1]![0];
  };
}

// --- dates as day numbers (fast; no Date objects in the hot loop) ------------

/** Days since 1970-01-01 of an ISO date (proleptic Gregorian). */
export function dayNumber(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  // Howard Hinnant's days_from_civil.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Generated dates fall on a few thousand distinct days; sharing their strings
// keeps 100,000 customers cheap to build and to hold.
// Indexed by day number + ISO_CACHE_OFFSET, covering 1860 to 2079.
const ISO_CACHE_OFFSET = 40_000;
const isoCache: (string | undefined)[] = new Array<string | undefined>(2 * ISO_CACHE_OFFSET).fill(undefined);

/** ISO date 'YYYY-MM-DD' of a day number. */
export function isoDate(days: number): string {
  const slot = days + ISO_CACHE_OFFSET;
  if (slot < 0 || slot >= isoCache.length) return civilDate(days);
  return (isoCache[slot] ??= civilDate(days));
}

function civilDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

// --- identity numbers --------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits of a resident ID. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

const VIN_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** VIN characters: digits and capitals except I, O, Q (ISO 3779). */
export const VIN_CHARSET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

/** The ISO 3779 / GB 16735 check character (position 9) of a 17-char VIN. */
export function vinCheckChar(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!;
    const v = c >= '0' && c <= '9' ? Number(c) : VIN_VALUES[c]!;
    sum += v * VIN_WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

// Model-year codes (position 10) from 2010.
const VIN_YEAR = 'ABCDEFGHJKLMNPRSTVWXY';

function makeVin(rng: Rng, year: number): string {
  const vdsChars = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
  let vds = '';
  for (let i = 0; i < 5; i++) vds += pick(rng, vdsChars);
  let serial = '';
  for (let i = 0; i < 6; i++) serial += int(rng, 0, 9);
  // LSV: the WMI of SAIC Volkswagen; plant code N/A/P.
  const draft = `LSV${vds}0${VIN_YEAR[(year - 2010) % VIN_YEAR.length]}${pick(rng, ['N', 'A', 'P'])}${serial}`;
  return draft.slice(0, 8) + vinCheckChar(draft) + draft.slice(9);
}

// --- names, places and words -------------------------------------------------

// Surnames weighted toward Guangdong (陈, 黄, 李, 林, 张, 梁 lead there).
const pickSurname = weighted<string>([
  ['陈', 90],
  ['黄', 60],
  ['李', 60],
  ['张', 45],
  ['林', 40],
  ['梁', 35],
  ['刘', 35],
  ['何', 25],
  ['罗', 25],
  ['钟', 22],
  ['叶', 22],
  ['吴', 22],
  ['郑', 20],
  ['曾', 20],
  ['蔡', 15],
  ['王', 30],
  ['杨', 18],
  ['周', 15],
  ['谢', 15],
  ['邓', 15],
  ['赖', 12],
  ['徐', 10],
  ['朱', 10],
  ['冯', 10],
  ['卢', 10],
  ['温', 10],
  ['邱', 10],
  ['江', 8],
  ['胡', 8],
  ['彭', 8],
  ['廖', 8],
  ['杜', 5],
  ['汤', 5],
  ['莫', 5],
  ['欧阳', 3],
  ['司徒', 2],
  ['古', 6],
  ['骆', 4],
  ['范', 5],
  ['肖', 8],
]);
const MALE_GIVEN = '伟强军勇杰涛明超斌浩鹏俊峰磊志建华国平东文辉飞宇晨家豪嘉俊锦荣振宏坤'.split('');
const FEMALE_GIVEN = '芳娜敏静丽艳娟霞秀玲婷雪慧晶莉燕红梅琳颖欣怡佳悦雅倩妍诗思晓丹'.split('');

function makeName(rng: Rng, gender: Gender): string {
  const pool = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN;
  const given = rng() < 0.28 ? pick(rng, pool) : pick(rng, pool) + pick(rng, pool);
  return pickSurname(rng) + given;
}

const pickDistrict = weighted<(typeof DISTRICTS)[number]>([
  ['惠城区', 30],
  ['惠阳区', 15],
  ['博罗县', 15],
  ['惠东县', 12],
  ['龙门县', 5],
  ['大亚湾区', 10],
  ['仲恺区', 13],
]);
const STREETS: Record<(typeof DISTRICTS)[number], readonly string[]> = {
  惠城区: ['江北街道', '河南岸街道', '桥东街道', '桥西街道', '江南街道', '小金口街道', '水口街道'],
  惠阳区: ['淡水街道', '秋长街道', '新圩镇', '镇隆镇', '沙田镇'],
  博罗县: ['罗阳街道', '石湾镇', '园洲镇', '龙溪街道', '福田镇'],
  惠东县: ['平山街道', '大岭街道', '吉隆镇', '稔山镇', '黄埠镇'],
  龙门县: ['龙城街道', '永汉镇', '平陵街道', '麻榨镇'],
  大亚湾区: ['澳头街道', '西区街道', '霞涌街道'],
  仲恺区: ['陈江街道', '惠环街道', '沥林镇', '潼湖镇'],
};
// 2010 codes of the district's residents; 大亚湾 and 仲恺 were carved out of 惠阳/惠城.
const DISTRICT_ID_CODE: Record<(typeof DISTRICTS)[number], string> = {
  惠城区: '441302',
  惠阳区: '441303',
  博罗县: '441322',
  惠东县: '441323',
  龙门县: '441324',
  大亚湾区: '441303',
  仲恺区: '441302',
};
// Migrants to 惠州 from around Guangdong and neighbouring provinces.
const MIGRANT_ID_CODES = ['445202', '441502', '440902', '441402', '430102', '360702', '450102', '431003', '510129'];
const ROADS = [
  '文明一路',
  '东平大道',
  '江北大道',
  '演达大道',
  '三环路',
  '河南岸路',
  '鹅岭北路',
  '惠州大道',
  '开城大道',
  '长寿路',
  '中山东路',
  '南坛路',
  '云山西路',
  '华侨城大道',
];
const ESTATES = [
  '碧桂园',
  '星河丹堤',
  '金山湖花园',
  '万科城',
  '华贸中心',
  '佳兆业城市广场',
  '富力湾',
  '合生滨江',
  '中信城市时代',
  '水岸城',
  '恒大御景湾',
  '东江学府',
  '金地名京',
];

function makeAddress(rng: Rng, district: (typeof DISTRICTS)[number]): string {
  const city = rng() < 0.4 ? '惠州市' : '';
  const street = pick(rng, STREETS[district]);
  if (rng() < 0.25) return `${city}${district}${street}${pick(rng, ROADS)}${int(rng, 1, 388)}号`;
  return `${city}${district}${street}${pick(rng, ESTATES)}${int(rng, 1, 32)}栋${int(rng, 1, 33)}${pad2(int(rng, 1, 8))}室`;
}

const OCCUPATIONS = [
  '企业职员',
  '个体经营',
  '教师',
  '公务员',
  '工程师',
  '医生',
  '私营业主',
  '销售',
  '自由职业',
  '司机',
  '护士',
  '财务',
];

// Mainland mobile prefixes in use (13x, 15x without 154, 18x, 19x).
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '198',
  '199',
];

const pickStage = weighted<Stage>([
  ['lead', 45],
  ['ordered', 4],
  ['delivered', 4],
  ['owner', 27],
  ['defeated', 20],
]);
const pickLeadGrade = weighted<'H' | 'A' | 'B' | 'C'>([
  ['H', 10],
  ['A', 25],
  ['B', 35],
  ['C', 30],
]);
const pickSource = weighted<(typeof SOURCES)[number]>([
  ['展厅', 40],
  ['电话', 15],
  ['网络', 30],
  ['转介绍', 10],
  ['车展', 5],
]);
const pickDefeatReason = weighted<(typeof DEFEAT_REASONS)[number]>([
  ['价格高', 25],
  ['竞品', 20],
  ['车型/配置不符', 12],
  ['贷款未批', 6],
  ['经销商加价', 8],
  ['促销口径不一致', 5],
  ['交车周期长', 7],
  ['服务体验', 4],
  ['暂缓购车', 10],
  ['其他', 3],
]);
const pickModel = weighted<(typeof MODELS)[number]>([
  [MODELS[0], 20],
  [MODELS[1], 18],
  [MODELS[2], 14],
  [MODELS[3], 9],
  [MODELS[4], 7],
  [MODELS[5], 6],
  [MODELS[6], 3],
  [MODELS[7], 10],
  [MODELS[8], 6],
  [MODELS[9], 7],
]);
const pickSatisfaction = weighted<string>([
  ['A', 25],
  ['B', 45],
  ['C', 20],
  ['D', 7],
  ['E', 3],
]);
const pickUse = weighted<VehicleUse>([
  ['private', 90],
  ['official', 4],
  ['commercial', 6],
]);

/** Standard 1 cadence presets (days), used to make some leads overdue. */
const CADENCE: Record<'H' | 'A' | 'B' | 'C', number> = { H: 2, A: 7, B: 15, C: 30 };
/** Expected close window (days) per grade, Standard 1. */
const CLOSE_WINDOW: Record<'H' | 'A' | 'B' | 'C', readonly [number, number]> = {
  H: [1, 7],
  A: [8, 30],
  B: [31, 90],
  C: [91, 240],
};

const LEAD_NOTES = [
  '客户关注油耗，周末带家人再来试驾',
  '要求优惠2万以上',
  '汽车之家留资，已加微信',
  '懂车帝留资，电话未接通',
  '置换旧车 本田飞度',
  '对比丰田凯美瑞，倾向我店',
  '等年底促销',
  '需要贷款，首付三成',
  '老客户增购',
  '已试驾，对空间满意',
  '想要白色现车',
  '家里商量中',
  '单位团购咨询',
  '关注智能驾驶配置',
  '',
  '',
  '',
  '意向强，预约下周三到店',
];
const OWNER_NOTES = [
  '首保已做',
  '续保客户',
  '喜欢参加车主活动',
  '对保养价格敏感',
  '车辆跑高速多',
  '家有两台车',
  '',
  '',
  '',
  '延保客户',
];
const DEFEAT_NOTES = [
  '已在别家提车',
  '预算不够，暂缓',
  '家人反对',
  '等新款上市',
  '贷款审批未过',
  '觉得落地价高',
  '',
  '',
];
// Typed text a real portal shows as text; proves DealerLens never renders it as markup.
export const MARKUP_NOTES = [
  '<b>VIP</b> 老客户转介绍，务必优先接待',
  '<script>alert(1)</script> 客户自己填写的留言',
  '预算<20万 & 要求"现车"，不接受\'预订\'',
];

// --- the generator -----------------------------------------------------------

function makeIdNumber(rng: Rng, regionCode: string, birthday: string, gender: Gender): string {
  const order = int(rng, 0, 99) * 10 + (gender === 'male' ? pick(rng, [1, 3, 5, 7, 9]) : pick(rng, [0, 2, 4, 6, 8]));
  const first17 = regionCode + birthday.replace(/-/g, '') + String(order).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

function makePlate(rng: Rng, ev: boolean): string {
  // 粤L is 惠州. Plates skip I and O; new-energy plates carry D/F and five digits.
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  if (ev) return `粤L·${pick(rng, ['D', 'F'])}${String(int(rng, 0, 99999)).padStart(5, '0')}`;
  let tail = '';
  const letterAt = int(rng, -1, 4);
  for (let i = 0; i < 5; i++) tail += i === letterAt || (i === 0 && rng() < 0.3) ? pick(rng, letters) : int(rng, 0, 9);
  return `粤L·${tail}`;
}

const time = (rng: Rng): string => `${pad2(int(rng, 9, 19))}:${pad2(int(rng, 0, 59))}`;

/**
 * Generates the store's customers. Same (count, seed, today) -> same data.
 * Fast enough for benchmark pages: 100,000 customers well under a second.
 */
export function generateCustomers(count = 2000, seed = DEFAULT_SEED, today = DEFAULT_TODAY): DemoCustomer[] {
  const rng = mulberry32(seed);
  const t = dayNumber(today);
  const customers: DemoCustomer[] = new Array(count);
  // Lines taken, one set per prefix so keys stay small integers.
  const phones = MOBILE_PREFIXES.map(() => new Set<number>());
  const ownerIndexes: number[] = [];

  for (let i = 0; i < count; i++) {
    const gender: Gender = rng() < 0.62 ? 'male' : 'female';
    const stage = pickStage(rng);
    const district = pickDistrict(rng);
    const source: string = pickSource(rng);
    const consultant = pick(rng, CONSULTANTS);
    const model = pickModel(rng);

    let prefix: number;
    let line: number;
    do {
      prefix = Math.floor(rng() * MOBILE_PREFIXES.length);
      line = int(rng, 0, 99_999_999);
    } while (phones[prefix]!.has(line));
    phones[prefix]!.add(line);
    const phone = MOBILE_PREFIXES[prefix]! + String(line).padStart(8, '0');

    // Phone-in leads often leave only a surname: 陈先生 / 李女士.
    const name =
      stage === 'lead' && source === '电话' && rng() < 0.3
        ? pickSurname(rng) + (gender === 'male' ? '先生' : '女士')
        : makeName(rng, gender);

    const c: DemoCustomer = {
      portalId: `KH${100000 + i + 1}`,
      name,
      gender,
      phone,
      district,
      address: makeAddress(rng, district),
      source,
      consultant,
      stage,
      intendedModel: model.name,
      firstVisitAt: '',
      lastContactAt: '',
      complaints: 0,
      notes: '',
    };

    // Birthday and ID number: about a third of customers gave their ID card
    // (owners always did, at registration), some only a birthday.
    const age = int(rng, 22, 62);
    const birthday = isoDate(t - age * 365 - int(rng, 0, 364));
    if (stage === 'owner' || stage === 'delivered' || rng() < 0.2) {
      const region = rng() < 0.7 ? DISTRICT_ID_CODE[district] : pick(rng, MIGRANT_ID_CODES);
      c.idNumber = makeIdNumber(rng, region, birthday, gender);
      c.birthday = birthday;
    } else if (rng() < 0.25) {
      c.birthday = birthday;
    }
    if (rng() < 0.6) c.occupation = pick(rng, OCCUPATIONS);

    if (stage === 'lead') {
      const grade = pickLeadGrade(rng);
      c.portalGrade = grade;
      const first = t - int(rng, 0, grade === 'C' ? 300 : 120);
      c.firstVisitAt = isoDate(first);
      // Most leads are followed on cadence; about a quarter are overdue.
      const sinceContact = Math.min(
        t - first,
        rng() < 0.75 ? int(rng, 0, CADENCE[grade]) : int(rng, CADENCE[grade] + 1, CADENCE[grade] * 4),
      );
      c.lastContactAt = `${isoDate(t - sinceContact)}T${time(rng)}`;
      // Expected purchase agrees with the grade, except for a few stale grades
      // (docs/grading.md#f1-grademismatch: when both exist and disagree, the disagreement is flagged).
      const [lo, hi] = rng() < 0.06 ? CLOSE_WINDOW[pick(rng, ['H', 'A', 'B', 'C'] as const)] : CLOSE_WINDOW[grade];
      c.expectedPurchaseAt = isoDate(t + int(rng, lo, hi));
      c.notes = pick(rng, LEAD_NOTES);
      c.eventsAttended = rng() < 0.2 ? int(rng, 1, 2) : 0;
    } else if (stage === 'defeated') {
      const first = t - int(rng, 20, 420);
      c.firstVisitAt = isoDate(first);
      c.lastContactAt = `${isoDate(first + int(rng, 3, Math.min(90, t - first)))}T${time(rng)}`;
      const reason = pickDefeatReason(rng);
      c.defeatReason = reason;
      if (reason === '竞品') c.competitor = pick(rng, COMPETITORS);
      c.notes = reason === '竞品' ? `已购${c.competitor}` : pick(rng, DEFEAT_NOTES);
    } else if (stage === 'ordered') {
      c.portalGrade = 'O';
      const orderDay = t - int(rng, 1, 40);
      c.firstVisitAt = isoDate(orderDay - int(rng, 3, 60));
      c.lastContactAt = `${isoDate(orderDay + int(rng, 0, t - orderDay))}T${time(rng)}`;
      c.purchasedAt = isoDate(orderDay);
      c.expectedPurchaseAt = isoDate(t + int(rng, 3, 45)); // expected delivery
      c.vehicleModel = model.name;
      c.notes = rng() < 0.5 ? '已交订金5000元，等车' : '';
    } else {
      // delivered (交车, within the last month) or owner (保有).
      const delivered = stage === 'delivered' ? t - int(rng, 0, 30) : t - int(rng, 45, 365 * 8);
      const purchased = delivered - int(rng, 3, 20);
      const years = (t - delivered) / 365;
      c.portalGrade = stage === 'delivered' ? 'D' : 'M';
      c.firstVisitAt = isoDate(purchased - int(rng, 2, 45));
      c.purchasedAt = isoDate(purchased);
      c.deliveredAt = isoDate(delivered);
      c.firstServiceDueAt = isoDate(delivered + 180);
      c.vehicleModel = model.name;
      c.vin = makeVin(rng, Math.max(2010, Number(c.purchasedAt.slice(0, 4)) + (rng() < 0.3 ? 1 : 0)));
      c.plate = makePlate(rng, model.ev);
      c.vehicleUse = pickUse(rng);
      // Some drive far (commercial use, long commutes): docs/grading.md#g51-the-expected-visit example.
      const annual = c.vehicleUse === 'commercial' || rng() < 0.1 ? int(rng, 30000, 60000) : int(rng, 6000, 22000);
      c.annualMileageKm = annual;
      c.mileageKm = Math.max(12, Math.round(annual * years + int(rng, 0, 300)));
      const sinceDelivery = t - delivered;
      if (stage === 'owner' && rng() > 0.06) {
        // Most come back for service; a slice has churned (no visit for 6-18 months).
        const churned = rng() < 0.2;
        const since = Math.min(sinceDelivery, churned ? int(rng, 180, 540) : int(rng, 0, 179));
        c.lastServiceAt = isoDate(t - since);
        c.serviceVisits = Math.max(1, Math.round(((sinceDelivery - since) / 365) * int(rng, 1, 3)) + 1);
        c.totalSpend = Math.round(c.serviceVisits * int(rng, 380, 2600) + (rng() < 0.15 ? int(rng, 2000, 18000) : 0));
      } else {
        c.serviceVisits = 0; // 未进站: never came in (docs/grading.md#g52-states)
        c.totalSpend = 0;
      }
      c.lastContactAt = `${isoDate(t - Math.min(sinceDelivery, int(rng, 0, stage === 'delivered' ? 7 : 200)))}T${time(rng)}`;
      c.complaints = rng() < 0.1 ? int(rng, 1, 3) : 0;
      c.eventsAttended = rng() < 0.4 ? int(rng, 1, 6) : 0;
      c.satisfaction = pickSatisfaction(rng);
      c.notes = pick(rng, OWNER_NOTES);
      c.referrals = 0;
      ownerIndexes.push(i);
    }
    if (stage !== 'owner' && stage !== 'delivered' && rng() < 0.05) c.complaints = 1;

    // A referral names an earlier owner, who gets the credit (Standard 2).
    if (source === '转介绍') {
      if (ownerIndexes.length > 0 && ownerIndexes[ownerIndexes.length - 1] !== i) {
        const referrer = customers[ownerIndexes[int(rng, 0, ownerIndexes.length - 1)]!]!;
        c.referrer = referrer.name;
        referrer.referrals = (referrer.referrals ?? 0) + 1;
      } else {
        c.referrer = makeName(rng, rng() < 0.6 ? 'male' : 'female');
      }
    }
    customers[i] = c;
  }

  // A few customers typed markup into their notes; spread them so page 1 has
  // them and so do big pages.
  const markupAt = [2, 6, 11];
  for (let i = 11 + 397; i < count; i += 397) markupAt.push(i);
  markupAt.forEach((i, k) => {
    if (i < count) customers[i]!.notes = MARKUP_NOTES[k % MARKUP_NOTES.length]!;
  });
  return customers;
}
