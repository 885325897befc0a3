import { describe, expect, it } from 'vitest';
import {
  identityOf,
  identityPhone,
  normalizeMobile,
  normalizePortalId,
  normalizeVin,
  portalIdFromDetailUrl,
} from '../../../lib/db';

describe('identity for de-duplication: mobile, else VIN, else the portal customer id', () => {
  it('a mobile number is the identity, in normal form whatever its formatting', () => {
    expect(identityOf({ phone: '138 1234 5678' })).toBe('phone:13812345678');
    expect(identityOf({ phone: '+86-138-1234-5678' })).toBe('phone:13812345678');
    expect(identityOf({ phone: '0086 13812345678' })).toBe('phone:13812345678');
    expect(identityOf({ phone: '１３８１２３４５６７８' })).toBe('phone:13812345678');
  });

  it('the mobile wins over the VIN and the portal id', () => {
    expect(identityOf({ phone: '13812345678', vin: 'LSVAU2180N2123456', portalId: 'C1001' })).toBe('phone:13812345678');
  });

  it('without a mobile the VIN is the identity, upper case without spaces', () => {
    expect(identityOf({ vin: 'lsvau2180n2123456', portalId: 'C1001' })).toBe('vin:LSVAU2180N2123456');
    expect(identityOf({ vin: 'LSVAU 2180N 2123456' })).toBe('vin:LSVAU2180N2123456');
  });

  it("without mobile or VIN the portal's own customer id is the identity", () => {
    expect(identityOf({ name: '张伟', portalId: ' C1001 ' })).toBe('pid:C1001');
  });

  it('a name alone is no identity', () => {
    expect(identityOf({ name: '张伟' })).toBeNull();
    expect(identityOf({ name: '张伟', district: '惠城区' })).toBeNull();
  });

  it('a landline or a malformed number is not a mobile, and a short VIN is not a VIN', () => {
    expect(normalizeMobile('0752-2345678')).toBeNull();
    expect(normalizeMobile('1381234567')).toBeNull();
    expect(normalizeVin('LSVAU2180N212345')).toBeNull();
    expect(identityOf({ phone: '0752-2345678', vin: 'LSVAU2180N212345' })).toBeNull();
  });

  it("the portal id is read from the row's detail link when the page has no id column: path and id, no scheme or host", () => {
    expect(identityOf({ name: '张伟' }, 'https://dms.example.com/crm/view.do?id=1001&tab=2')).toBe(
      'pid:/crm/view.do?id=1001',
    );
    expect(identityOf({}, 'https://dms.example.com/crm/detail?customerId=77')).toBe('pid:/crm/detail?customerid=77');
    expect(identityOf({}, 'https://dms.example.com/customer/1001')).toBe('pid:/customer/1001');
  });

  it.each([
    ['http://192.168.1.20:8080/dms/crm/customer_view.do?custid=1', '/dms/crm/customer_view.do?custid=1'],
    ['http://10.0.0.5/dms/crm/customer_view.do?_t=1712&custid=1&tab=base', '/dms/crm/customer_view.do?custid=1'],
    ['https://dms.example.com/crm/view?cust_id=C-9', '/crm/view?cust_id=C-9'],
    ['https://dms.example.com/crm/view?khid=K001', '/crm/view?khid=K001'],
    ['https://dms.example.com/crm/view?KHBH=20260001', '/crm/view?khbh=20260001'],
    ['https://dms.example.com/crm/view?customerNo=C77', '/crm/view?customerno=C77'],
    ['https://dms.example.com/crm/view?customer_id=5', '/crm/view?customer_id=5'],
    ['https://dms.example.com/crm/view?clientId=5', '/crm/view?clientid=5'],
    ['https://dms.example.com/lead/detail?leadId=88', '/lead/detail?leadid=88'],
  ])('the link %s gives the portal id %s', (link, id) => {
    expect(portalIdFromDetailUrl(link)).toBe(id);
  });

  it("the same customer at the portal's new address (another IP, port or https) is the same identity", () => {
    const before = identityOf({}, 'http://192.168.1.20:8080/dms/crm/customer_view.do?custid=1');
    expect(before).not.toBeNull();
    expect(identityOf({}, 'https://dms.store.cn/dms/crm/customer_view.do?custid=1')).toBe(before);
    // Another kind of record with the same number on the same portal is not.
    expect(identityOf({}, 'https://dms.store.cn/dms/crm/vehicle_view.do?custid=1')).not.toBe(before);
  });

  it('a portal id stored as a whole link is read in the stable form, so old customers match new captures', () => {
    expect(normalizePortalId('http://192.168.1.20:8080/dms/crm/customer_view.do?custid=1')).toBe(
      '/dms/crm/customer_view.do?custid=1',
    );
    expect(normalizePortalId('https://dms.example.com/app/#/customer/detail?id=55')).toBe(
      '/app/#/customer/detail?id=55',
    );
    // A link that names no id keeps its path and query, without scheme and host.
    expect(normalizePortalId('http://10.0.0.5:8080/crm/card.do?no=A7')).toBe('/crm/card.do?no=A7');
    expect(normalizePortalId(' C1001 ')).toBe('C1001');
    expect(normalizePortalId('')).toBeNull();
    expect(identityOf({ portalId: 'http://10.0.0.5:8080/dms/crm/customer_view.do?custid=1' })).toBe(
      'pid:/dms/crm/customer_view.do?custid=1',
    );
  });

  it('reads ids from hash-routed links, and gives none for links that name no customer', () => {
    expect(portalIdFromDetailUrl('https://dms.example.com/app/#/customer/detail?id=55')).toBe(
      '/app/#/customer/detail?id=55',
    );
    expect(portalIdFromDetailUrl('https://dms.example.com/crm/list?page=2')).toBeNull();
    expect(portalIdFromDetailUrl('javascript:void(0)')).toBeNull();
    expect(portalIdFromDetailUrl('not a url')).toBeNull();
  });

  it('a masked mobile is never an identity: two customers may share 137****3736', () => {
    expect(identityOf({ phone: '137****3736' })).toBeNull();
    expect(identityOf({ phone: '137****3736', portalId: 'C1' })).toBe('pid:C1');
    expect(identityOf({ phone: '137****3736', vin: 'LSVAU2180N2123456', portalId: 'C1' })).toBe(
      'vin:LSVAU2180N2123456',
    );
    expect(identityPhone('137****3736')).toBeUndefined();
    expect(identityPhone('13712343736')).toBe('13712343736');
  });

  it('a portal id column wins over the detail link', () => {
    expect(identityOf({ portalId: 'C1001' }, 'https://dms.example.com/crm/view?id=1001')).toBe('pid:C1001');
  });
});
