import { describe, expect, it } from 'vitest';
import { identityOf, normalizeMobile, normalizeVin, portalIdFromDetailUrl } from '../../../lib/db';

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

  it("the portal id is read from the row's detail link when the page has no id column", () => {
    expect(identityOf({ name: '张伟' }, 'https://dms.example.com/crm/view.do?id=1001&tab=2')).toBe(
      'pid:https://dms.example.com/crm/view.do?id=1001',
    );
    expect(identityOf({}, 'https://dms.example.com/crm/detail?customerId=77')).toBe(
      'pid:https://dms.example.com/crm/detail?customerid=77',
    );
    expect(identityOf({}, 'https://dms.example.com/customer/1001')).toBe('pid:https://dms.example.com/customer/1001');
  });

  it('the same id on two portals gives two identities', () => {
    const a = portalIdFromDetailUrl('https://dms.brand-a.com/crm/view?id=1001');
    const b = portalIdFromDetailUrl('https://crm.brand-b.cn/crm/view?id=1001');
    expect(a).not.toBeNull();
    expect(a).not.toBe(b);
  });

  it('reads ids from hash-routed links, and gives none for links that name no customer', () => {
    expect(portalIdFromDetailUrl('https://dms.example.com/app/#/customer/detail?id=55')).toBe(
      'https://dms.example.com/app/#/customer/detail?id=55',
    );
    expect(portalIdFromDetailUrl('https://dms.example.com/crm/list?page=2')).toBeNull();
    expect(portalIdFromDetailUrl('javascript:void(0)')).toBeNull();
    expect(portalIdFromDetailUrl('not a url')).toBeNull();
  });

  it('a portal id column wins over the detail link', () => {
    expect(identityOf({ portalId: 'C1001' }, 'https://dms.example.com/crm/view?id=1001')).toBe('pid:C1001');
  });
});
