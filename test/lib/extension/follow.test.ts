// Following the portal, the background's side (lib/extension/follow): the
// list's identity columns only where the user turned following on, and the
// tab's tally in session storage.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { admitMessage, CONTENT_SCRIPT_MESSAGES, type Sender } from '../../../lib/extension/messages';
import { followService } from '../../../lib/extension/follow';
import { isFollowOn, onFollowSetting, setFollowOn } from '../../../lib/extension/follow-setting';
import { saveProfile, type DealerLensDB } from '../../../lib/db';
import { profileFromMapping } from '../../../lib/mapping';
import { freshDatabase } from '../db/helpers';

const LIST = 'http://dms.example/crm/list.do?page=2';
const HEADERS = ['姓名', '手机', '客户编号', '级别'];
const content: Sender = { kind: 'content', tabId: 3, url: LIST, tabUrl: LIST };

let enabled = true;
beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  enabled = true;
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async () => enabled);
});

async function withProfile(): Promise<DealerLensDB> {
  const db = freshDatabase();
  await saveProfile(
    db,
    profileFromMapping({
      id: 'p1',
      name: '客户列表',
      url: LIST,
      headers: HEADERS,
      mapping: [
        { index: 0, header: '姓名', field: 'name', via: 'profile', confidence: 1 },
        { index: 1, header: '手机', field: 'phone', via: 'profile', confidence: 1 },
        { index: 2, header: '客户编号', field: 'portalId', via: 'profile', confidence: 1 },
        { index: 3, header: '级别', field: null, via: 'profile', confidence: 1 },
      ],
      now: new Date('2026-12-01T09:00:00'),
    }),
  );
  return db;
}

describe('the follow setting', () => {
  it('is off by default, on per site, and heard at once', async () => {
    expect(await isFollowOn(LIST)).toBe(false);
    const heard: boolean[] = [];
    onFollowSetting(LIST, (on) => heard.push(on));
    await setFollowOn(LIST, true);
    expect(await isFollowOn('http://dms.example/other')).toBe(true);
    expect(await isFollowOn('http://other.example/crm/list.do')).toBe(false);
    await setFollowOn(LIST, false);
    expect(await isFollowOn(LIST)).toBe(false);
    expect(heard).toEqual([true, false]);
  });
});

describe('follow messages', () => {
  it('lets a content script ask for its plan and its tab tally, in shape only', () => {
    expect(CONTENT_SCRIPT_MESSAGES.has('follow:plan')).toBe(true);
    expect(CONTENT_SCRIPT_MESSAGES.has('follow:tally')).toBe(true);
    expect(admitMessage({ type: 'follow:plan', payload: { headers: HEADERS } }, content).ok).toBe(true);
    expect(admitMessage({ type: 'follow:tally', payload: {} }, content).ok).toBe(true);
    expect(
      admitMessage({ type: 'follow:tally', payload: { add: { prints: ['a.b'], customers: [] } } }, content).ok,
    ).toBe(true);
    for (const payload of [
      { add: { prints: 'a', customers: [] } },
      { add: { prints: [''], customers: [] } },
      { add: { prints: ['x'.repeat(33)], customers: [] } },
      { add: { prints: [], customers: [], rows: [] } },
      { add: { prints: Array.from({ length: 10_001 }, () => 'a'), customers: [] } },
      { tabId: 4 },
    ])
      expect(admitMessage({ type: 'follow:tally', payload }, content).ok).toBe(false);
  });
});

describe('followService', () => {
  it("gives the profile's identity columns only where following is on for an enabled portal", async () => {
    const service = followService(await withProfile());
    expect(await service['follow:plan']({ headers: HEADERS }, content)).toBeNull();
    await setFollowOn(LIST, true);
    expect(await service['follow:plan']({ headers: HEADERS }, content)).toEqual({
      columns: { phone: [1], vin: [], portalId: [2] },
    });
    // No profile for another list; a page of DealerLens itself; a portal no longer enabled.
    expect(await service['follow:plan']({ headers: ['A', 'B'] }, content)).toBeNull();
    expect(await service['follow:plan']({ headers: HEADERS }, { ...content, kind: 'page' })).toBeNull();
    enabled = false;
    expect(await service['follow:plan']({ headers: HEADERS }, content)).toBeNull();
  });

  it("keeps each tab's tally apart, counts customers once, and forgets nothing across calls", async () => {
    const service = followService(freshDatabase());
    expect(await service['follow:tally']({}, content)).toEqual({ prints: [], count: 0 });
    await service['follow:tally']({ add: { prints: ['p1', 'p2'], customers: ['c1', 'c2'] } }, content);
    expect(await service['follow:tally']({ add: { prints: ['p3'], customers: ['c2'] } }, content)).toEqual({
      prints: ['p1', 'p2', 'p3'],
      count: 2,
    });
    expect(await service['follow:tally']({}, { ...content, tabId: 4 })).toEqual({ prints: [], count: 0 });
    expect(await service['follow:tally']({}, content)).toEqual({ prints: ['p1', 'p2', 'p3'], count: 2 });
  });
});
