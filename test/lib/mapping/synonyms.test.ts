import { describe, expect, it } from 'vitest';
import { FIELD_NAMES, type FieldName } from '../../../lib/customer';
import { HEADER_SYNONYMS, headerScale, lookupHeader, normalizeHeader } from '../../../lib/mapping';

describe('the header dictionary', () => {
  it('knows every canonical field in Chinese and in English', () => {
    for (const field of FIELD_NAMES) {
      const words = HEADER_SYNONYMS[field];
      expect(
        words.some((w) => /[\u4e00-\u9fff]/.test(w)),
        `${field} has a Chinese synonym`,
      ).toBe(true);
      expect(
        words.some((w) => /^[A-Za-z][A-Za-z .-]*$/.test(w)),
        `${field} has an English synonym`,
      ).toBe(true);
    }
  });

  it('gives no synonym to two fields', () => {
    const owner = new Map<string, FieldName>();
    for (const field of FIELD_NAMES) {
      for (const w of HEADER_SYNONYMS[field]) {
        const key = normalizeHeader(w);
        const before = owner.get(key);
        expect(before === undefined || before === field, `${w} names both ${before} and ${field}`).toBe(true);
        owner.set(key, field);
      }
    }
  });

  it.each([
    ...['客户姓名', '姓名', '客户名称', '客户', '联系人', 'Name', 'Customer'].map((h) => [h, 'name']),
    ...['手机', '手机号', '手机号码', '联系电话', '电话', '移动电话', '联系方式', 'Mobile', 'Phone'].map((h) => [
      h,
      'phone',
    ]),
    ...['意向级别', '客户级别', '级别', '意向等级', '客户等级', 'Grade', 'Level'].map((h) => [h, 'portalGrade']),
    ...['最近进站', '最后进厂日期', '上次进厂', '最近保养日期', 'Last service'].map((h) => [h, 'lastServiceAt']),
    ...['底盘号', '车架号', 'VIN码', 'VIN'].map((h) => [h, 'vin']),
    ...['车牌号', '车牌号码'].map((h) => [h, 'plate']),
    ...['行驶里程(km)', '里程', '当前里程', '行驶里程（公里）'].map((h) => [h, 'mileageKm']),
    ...['累计消费（元）', '消费金额', '累计金额'].map((h) => [h, 'totalSpend']),
    ...['销售顾问', '顾问', '跟进人', '所属顾问', '负责人'].map((h) => [h, 'consultant']),
    ...['所属区域', '区县', '地区'].map((h) => [h, 'district']),
    ...['最近跟进', '最后联系时间', '上次联系', '最近联系时间'].map((h) => [h, 'lastContactAt']),
    ...['预计购车时间', '预购时间', '计划购车'].map((h) => [h, 'expectedPurchaseAt']),
    ...['首次到店', '建档日期', '首次来店'].map((h) => [h, 'firstVisitAt']),
    ...['客户编号', '客户ID', '档案号'].map((h) => [h, 'portalId']),
    ...['战败原因', '流失原因'].map((h) => [h, 'defeatReason']),
    ...['购车日期', '开票日期'].map((h) => [h, 'purchasedAt']),
    ['交车日期', 'deliveredAt'],
    ...['首保日期', '首保到期'].map((h) => [h, 'firstServiceDueAt']),
    ...['客户状态', '阶段', '销售阶段'].map((h) => [h, 'stage']),
    ...['来源', '信息来源', '客户来源', '渠道'].map((h) => [h, 'source']),
    ...['身份证号', '证件号码'].map((h) => [h, 'idNumber']),
    ['性别', 'gender'],
    ['出生日期', 'birthday'],
    ['联系地址', 'address'],
    ['职业', 'occupation'],
    ['介绍人', 'referrer'],
    ['意向车型', 'intendedModel'],
    ['竞品', 'competitor'],
    ['车型', 'vehicleModel'],
    ['年行驶里程(万公里)', 'annualMileageKm'],
    ['进站次数', 'serviceVisits'],
    ['使用性质', 'vehicleUse'],
    ['投诉次数', 'complaints'],
    ['参加活动', 'eventsAttended'],
    ['转介绍', 'referrals'],
    ['满意度', 'satisfaction'],
    ['备注', 'notes'],
  ])('the header %s names %s', (header, field) => {
    expect(lookupHeader(header)?.field).toBe(field);
  });

  it.each([
    ['*客户姓名：', 'name'],
    [' 手机号码 ', 'phone'],
    ['手 机', 'phone'],
    ['ＭＯＢＩＬＥ', 'phone'],
    ['Last Service Date', 'lastServiceAt'],
    ['last_service_date', 'lastServiceAt'],
    ['累计消费(元)', 'totalSpend'],
    ['累计消费【元】', 'totalSpend'],
    ['行驶里程（km）', 'mileageKm'],
    ['电话2', 'phone'],
  ])('a header written %j is normalised before lookup and names %s', (header, field) => {
    expect(lookupHeader(header)).toEqual({ field, how: 'exact' });
  });

  it('a synonym inside a longer header names its field with less certainty', () => {
    expect(lookupHeader('客户手机号码(主)')).toEqual({ field: 'phone', how: 'exact' });
    expect(lookupHeader('车主联系手机')).toEqual({ field: 'phone', how: 'contains' });
    expect(lookupHeader('最近一次进站里程')?.field).toBe('mileageKm');
  });

  it('the longest synonym inside a header wins', () => {
    expect(lookupHeader('年均行驶里程数')?.field).toBe('annualMileageKm');
  });

  it('a generic word inside a longer header names nothing (客户类型 is not a name)', () => {
    expect(lookupHeader('客户类型')).toBeUndefined();
    expect(lookupHeader('车辆编号')).toBeUndefined();
  });

  it('a synonym followed by more than a harmless tail names nothing (意向车型颜色 is a colour)', () => {
    expect(lookupHeader('意向车型颜色')).toBeUndefined();
    expect(lookupHeader('客户满意度评分')).toBeUndefined();
    expect(lookupHeader('车主生日日期')).toEqual({ field: 'birthday', how: 'contains' });
  });

  it('a planned date is not the past event: 下次跟进时间 is not the last contact', () => {
    expect(lookupHeader('下次跟进时间')).toBeUndefined();
    expect(lookupHeader('计划跟进日期')).toBeUndefined();
    expect(lookupHeader('下次保养里程')).toBeUndefined();
    expect(lookupHeader('Next follow-up')).toBeUndefined();
  });

  const VISIT_HEADERS: [string, FieldName][] = [
    // The visit that made the lead, and when the portal first recorded it.
    ['到店日期', 'firstVisitAt'],
    ['来店日期', 'firstVisitAt'],
    ['进店日期', 'firstVisitAt'],
    ['到店时间', 'firstVisitAt'],
    ['到访日期', 'firstVisitAt'],
    ['来访时间', 'firstVisitAt'],
    ['首次来店', 'firstVisitAt'],
    ['首次到店', 'firstVisitAt'],
    ['首次进店时间', 'firstVisitAt'],
    ['初次到店日期', 'firstVisitAt'],
    ['第一次来店', 'firstVisitAt'],
    ['首次到访日期', 'firstVisitAt'],
    ['建档日期', 'firstVisitAt'],
    ['建档时间', 'firstVisitAt'],
    ['登记日期', 'firstVisitAt'],
    ['登记时间', 'firstVisitAt'],
    ['创建时间', 'firstVisitAt'],
    ['录入日期', 'firstVisitAt'],
    ['建卡日期', 'firstVisitAt'],
    ['留资时间', 'firstVisitAt'],
    ['线索创建时间', 'firstVisitAt'],
    ['客户创建日期', 'firstVisitAt'],
    // The latest showroom visit, call or follow-up.
    ['最近回访', 'lastContactAt'],
    ['回访日期', 'lastContactAt'],
    ['最近回访日期', 'lastContactAt'],
    ['上次回访时间', 'lastContactAt'],
    ['上次进店', 'lastContactAt'],
    ['最近到店', 'lastContactAt'],
    ['最后到店日期', 'lastContactAt'],
    ['上次来店时间', 'lastContactAt'],
    ['最近到访日期', 'lastContactAt'],
    ['最近跟进日期', 'lastContactAt'],
    ['末次跟进', 'lastContactAt'],
    ['跟进日期', 'lastContactAt'],
    ['最近联系日期', 'lastContactAt'],
    ['联系日期', 'lastContactAt'],
    ['最近沟通时间', 'lastContactAt'],
    ['最后电访日期', 'lastContactAt'],
    ['最近邀约时间', 'lastContactAt'],
    // The latest workshop visit.
    ['最后进厂', 'lastServiceAt'],
    ['最近进厂日期', 'lastServiceAt'],
    ['上次进站时间', 'lastServiceAt'],
    ['最后回厂日期', 'lastServiceAt'],
    ['最近入厂时间', 'lastServiceAt'],
    ['上次来厂', 'lastServiceAt'],
    ['进厂日期', 'lastServiceAt'],
    ['进站日期', 'lastServiceAt'],
    ['回厂日期', 'lastServiceAt'],
    ['入厂时间', 'lastServiceAt'],
    ['最近保养日期', 'lastServiceAt'],
    ['上次维修时间', 'lastServiceAt'],
    ['末次进站', 'lastServiceAt'],
  ];

  it.each(VISIT_HEADERS)('the visit or contact date %s is %s, as a whole header', (header, field) => {
    expect(lookupHeader(header)).toEqual({ field, how: 'exact' });
  });

  it('visit dates inside longer headers, and plans that are no visit', () => {
    expect(lookupHeader('客户到店日期')?.field).toBe('firstVisitAt');
    expect(lookupHeader('展厅最近到店时间')?.field).toBe('lastContactAt');
    expect(lookupHeader('下次回访日期')).toBeUndefined();
    expect(lookupHeader('预约到店时间')).toBeUndefined();
    expect(lookupHeader('预计进站日期')).toBeUndefined();
    expect(lookupHeader('计划回访时间')).toBeUndefined();
  });

  it("an owner's attribute names the attribute (车主生日 is a birthday, not a name)", () => {
    expect(lookupHeader('车主生日')?.field).toBe('birthday');
    expect(lookupHeader('车主地址')?.field).toBe('address');
    expect(lookupHeader('车主身份证')?.field).toBe('idNumber');
  });

  it("a consultant's name is the consultant", () => {
    expect(lookupHeader('顾问姓名')?.field).toBe('consultant');
    expect(lookupHeader('服务顾问名称')?.field).toBe('consultant');
  });

  it("'#' after a header reads as a number", () => {
    expect(lookupHeader('Customer #')?.field).toBe('portalId');
    expect(lookupHeader('VIN #')?.field).toBe('vin');
  });

  it('headers it does not know name nothing', () => {
    expect(lookupHeader('序号')).toBeUndefined();
    expect(lookupHeader('操作')).toBeUndefined();
    expect(lookupHeader('')).toBeUndefined();
  });
});

describe('units in headers', () => {
  it('a header in 万 scales bare numbers by 10000', () => {
    expect(headerScale('年行驶里程(万公里)')).toBe(10000);
    expect(headerScale('累计消费（万元）')).toBe(10000);
    expect(headerScale('金额/万元')).toBe(10000);
  });
  it('other headers do not scale', () => {
    expect(headerScale('累计消费（元）')).toBe(1);
    expect(headerScale('行驶里程(km)')).toBe(1);
    expect(headerScale('万达广场')).toBe(1);
  });
});

describe('headers taken from card-list class names', () => {
  it.each([
    ['cust-name', 'name'],
    ['customerName', 'name'],
    ['cust-no', 'portalId'],
    ['customer_id', 'portalId'],
    ['lv', 'portalGrade'],
  ] as const)('%s is %s', (header, field) => {
    expect(lookupHeader(header)?.field).toBe(field);
  });
});
