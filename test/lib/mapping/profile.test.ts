import { describe, expect, it } from 'vitest';
import {
  headerSignature,
  mappingFromProfile,
  matchProfile,
  pathPatternFor,
  profileFromMapping,
  suggestMapping,
  type SiteProfile,
} from '../../../lib/mapping';

describe('header signature', () => {
  it('is the same whatever the column order, spacing, case or punctuation', () => {
    const sig = headerSignature(['客户姓名', '手机号码', 'VIN', '累计消费（元）']);
    expect(headerSignature(['手机号码', '累计消费(元)', ' 客户姓名 ', 'vin'])).toBe(sig);
    expect(headerSignature(['*客户姓名：', '手机 号码', 'Vin', '累计消费 (元)'])).toBe(sig);
    expect(headerSignature(['客户姓名', '手机号码', 'ＶＩＮ', '累计消费（元）'])).toBe(sig);
  });

  it('differs when a column is added, removed or renamed', () => {
    const sig = headerSignature(['客户姓名', '手机号码']);
    expect(headerSignature(['客户姓名', '手机号码', '车架号'])).not.toBe(sig);
    expect(headerSignature(['客户姓名'])).not.toBe(sig);
    expect(headerSignature(['客户名称', '手机号码'])).not.toBe(sig);
  });

  it('keeps a header unit, which changes what the numbers mean', () => {
    expect(headerSignature(['年行驶里程(万公里)'])).not.toBe(headerSignature(['年行驶里程(公里)']));
  });

  it('counts a repeated header twice and ignores blank (checkbox) headers', () => {
    expect(headerSignature(['电话', '电话'])).not.toBe(headerSignature(['电话']));
    expect(headerSignature(['', '姓名', ' '])).toBe(headerSignature(['姓名']));
  });

  it('is a stable, hash-like string', () => {
    const sig = headerSignature(['姓名', '手机']);
    expect(sig).toMatch(/^h2-[0-9a-z]{11}$/);
    expect(headerSignature(['姓名', '手机'])).toBe(sig);
  });
});

describe('path pattern', () => {
  it.each([
    ['http://dms.example.com/crm/customer/list.do?page=3&sort=x', '/crm/customer/list.do'],
    ['http://dms.example.com/crm/customer/list.do', '/crm/customer/list.do'],
    ['http://dms.example.com/crm/customer/list.do;jsessionid=A1B2C3?page=2', '/crm/customer/list.do'],
    ['http://dms.example.com/store/1024/customers/', '/store/*/customers'],
    ['http://dms.example.com/c/e3b0c442-98fc-1c14-9afb-f4c8996fb924/list', '/c/*/list'],
    ['http://dms.example.com/c/5f1d7a3b9c2e4d6f8a0b1c2d/list', '/c/*/list'],
    ['http://dms.example.com/', '/'],
    ['http://dms.example.com', '/'],
    ['http://dms.example.com/index.html#/crm/customer/list?page=2', '/index.html#/crm/customer/list'],
    ['http://dms.example.com/#!/store/12/customers', '/#/store/*/customers'],
    ['http://dms.example.com/list.aspx#top', '/list.aspx'],
    ['http://dms.example.com/%E5%AE%A2%E6%88%B7/list', '/客户/list'],
  ])('%s -> %s', (url, pattern) => {
    expect(pathPatternFor(url)).toBe(pattern);
  });

  it('a text that is no URL gives the root pattern', () => {
    expect(pathPatternFor('not a url')).toBe('/');
  });
});

const HEADERS = ['客户姓名', '手机号码', '意向级别', '自定义1'];
const ROWS = [['张伟', '13800138000', 'H', '老客户']];

function profile(over: Partial<SiteProfile> = {}): SiteProfile {
  return {
    id: 'p1',
    name: '某DMS 客户列表',
    origin: 'http://dms.example.com',
    pathPattern: '/crm/customer/list.do',
    headerSignature: headerSignature(HEADERS),
    mapping: [
      { header: '客户姓名', field: 'name' },
      { header: '手机号码', field: 'phone' },
      { header: '意向级别', field: 'portalGrade' },
      { header: '自定义1', field: 'notes' },
    ],
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    ...over,
  };
}

describe('matching a saved profile', () => {
  const url = 'http://dms.example.com/crm/customer/list.do?page=7';

  it('matches the same origin, path pattern and header signature', () => {
    const p = profile();
    expect(matchProfile([p], url, ['意向级别', '客户姓名', '手机号码', '自定义1'])).toBe(p);
  });

  it('does not match another portal with the same table', () => {
    expect(matchProfile([profile()], 'http://other.example.com/crm/customer/list.do', HEADERS)).toBeUndefined();
  });

  it('does not match a table whose columns changed', () => {
    expect(matchProfile([profile()], url, [...HEADERS, '车架号'])).toBeUndefined();
  });

  it('falls back to the same origin and signature when the list moved to another path', () => {
    const p = profile();
    expect(matchProfile([p], 'http://dms.example.com/crm/v2/customers.do', HEADERS)).toBe(p);
  });

  it('prefers the profile of this path over one of another path', () => {
    const here = profile({ id: 'here', updatedAt: '2026-01-01T00:00:00.000Z' });
    const elsewhere = profile({ id: 'elsewhere', pathPattern: '/crm/old.do', updatedAt: '2026-03-01T00:00:00.000Z' });
    expect(matchProfile([elsewhere, here], url, HEADERS)?.id).toBe('here');
  });

  it('of two equal candidates, the most recently updated wins', () => {
    const older = profile({ id: 'older', updatedAt: '2026-01-01T00:00:00.000Z' });
    const newer = profile({ id: 'newer', updatedAt: '2026-02-01T00:00:00.000Z' });
    expect(matchProfile([older, newer], url, HEADERS)?.id).toBe('newer');
  });

  it('nothing matches on no profiles or a bad URL', () => {
    expect(matchProfile([], url, HEADERS)).toBeUndefined();
    expect(matchProfile([profile()], 'not a url', HEADERS)).toBeUndefined();
  });
});

describe('mapping from a profile', () => {
  it('applies the saved mapping without asking, via profile, even where a suggestion would differ', () => {
    const mapping = mappingFromProfile(profile(), HEADERS, ROWS);
    expect(mapping).toEqual([
      { index: 0, header: '客户姓名', field: 'name', via: 'profile', confidence: 1 },
      { index: 1, header: '手机号码', field: 'phone', via: 'profile', confidence: 1 },
      { index: 2, header: '意向级别', field: 'portalGrade', via: 'profile', confidence: 1 },
      { index: 3, header: '自定义1', field: 'notes', via: 'profile', confidence: 1 },
    ]);
    expect(suggestMapping(HEADERS, ROWS)[3]!.field).toBe(null);
  });

  it('a column the user chose to keep as extra stays extra', () => {
    const p = profile({ mapping: [{ header: '意向级别', field: null }] });
    expect(mappingFromProfile(p, ['意向级别'], [['H']])[0]).toEqual({
      index: 0,
      header: '意向级别',
      field: null,
      via: 'profile',
      confidence: 1,
    });
  });

  it('follows the columns when the portal reorders them', () => {
    const headers = ['自定义1', '意向级别', '手机号码', '客户姓名'];
    expect(
      mappingFromProfile(profile(), headers, [['老客户', 'H', '13800138000', '张伟']]).map((m) => m.field),
    ).toEqual(['notes', 'portalGrade', 'phone', 'name']);
  });

  it('new columns fall back to suggestMapping, never taking a field the profile gives', () => {
    const headers = [...HEADERS, '车架号', '联系电话'];
    const rows = [[...ROWS[0]!, 'LSVAU2180N2123456', '13900139000']];
    const mapping = mappingFromProfile(profile(), headers, rows);
    expect(mapping[4]).toMatchObject({ field: 'vin', via: 'header' });
    expect(mapping[5]).toMatchObject({ field: null, via: 'none' });
  });

  it('repeated headers take the saved entries in order', () => {
    const p = profile({
      mapping: [
        { header: '电话', field: null },
        { header: '电话', field: 'phone' },
      ],
    });
    const mapping = mappingFromProfile(p, ['电话', '电话'], [['0752-1234567', '13800138000']]);
    expect(mapping.map((m) => m.field)).toEqual([null, 'phone']);
  });

  it('headers are matched whatever their spacing or punctuation', () => {
    const mapping = mappingFromProfile(profile(), ['客户姓名：', ' 手机号码'], [['张伟', '13800138000']]);
    expect(mapping.map((m) => [m.field, m.via])).toEqual([
      ['name', 'profile'],
      ['phone', 'profile'],
    ]);
  });
});

describe('saving a confirmed mapping as a profile', () => {
  it('records origin, path pattern, signature and the mapping by header, stamped with the given clock', () => {
    const url = 'http://dms.example.com/crm/customer/list.do?page=3';
    const mapping = suggestMapping(HEADERS, ROWS);
    mapping[3] = { ...mapping[3]!, field: 'notes', via: 'user', confidence: 1 };
    const p = profileFromMapping({
      id: 'x1',
      name: '客户列表',
      url,
      headers: HEADERS,
      mapping,
      now: new Date('2026-03-05T06:30:00Z'),
    });
    expect(p).toEqual({
      id: 'x1',
      name: '客户列表',
      origin: 'http://dms.example.com',
      pathPattern: '/crm/customer/list.do',
      headerSignature: headerSignature(HEADERS),
      mapping: [
        { header: '客户姓名', field: 'name' },
        { header: '手机号码', field: 'phone' },
        { header: '意向级别', field: 'portalGrade' },
        { header: '自定义1', field: 'notes' },
      ],
      createdAt: '2026-03-05T06:30:00.000Z',
      updatedAt: '2026-03-05T06:30:00.000Z',
    });
    // Next time on the same list the profile is found and applied.
    expect(matchProfile([p], 'http://dms.example.com/crm/customer/list.do?page=9', HEADERS)).toBe(p);
    expect(mappingFromProfile(p, HEADERS, ROWS).map((m) => m.field)).toEqual(['name', 'phone', 'portalGrade', 'notes']);
  });
});
