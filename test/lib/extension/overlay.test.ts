import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { admitMessage, CONTENT_SCRIPT_MESSAGES, type Sender } from '../../../lib/extension/messages';
import { overlayService } from '../../../lib/extension/overlay';
import { isOverlayOff, onOverlaySetting, setOverlayOff } from '../../../lib/extension/overlay-setting';
import { captureGrader, commitCapture, saveProfile, type DealerLensDB } from '../../../lib/db';
import { profileFromMapping } from '../../../lib/mapping';
import { freshDatabase, row } from '../db/helpers';

const LIST = 'http://dms.example/crm/list.do';
const HEADERS = ['姓名', '手机', '客户编号', '级别'];
const content: Sender = { kind: 'content', tabId: 3, url: LIST, tabUrl: LIST };

const NOW = new Date('2026-12-07T09:00:00');
let enabled = true;
beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  enabled = true;
  // Host permissions are the browser's: the fake has none, so the test grants or refuses them.
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async () => enabled);
});

async function portalWithProfile(): Promise<DealerLensDB> {
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
  await commitCapture(db, {
    records: [row({ name: '张三', phone: '13812345678', portalGrade: 'H', lastContactAt: '2026-12-01' })],
    source: 'page',
    pageUrl: LIST,
    now: NOW,
    prepare: await captureGrader(db, NOW),
  });
  return db;
}

describe('overlay messages', () => {
  it('lets a content script ask for its rows, in shape only', () => {
    expect(CONTENT_SCRIPT_MESSAGES.has('overlay:plan')).toBe(true);
    expect(CONTENT_SCRIPT_MESSAGES.has('overlay:lookup')).toBe(true);
    expect(admitMessage({ type: 'overlay:plan', payload: { headers: HEADERS } }, content).ok).toBe(true);
    expect(
      admitMessage({ type: 'overlay:lookup', payload: { keys: [{ phone: '13812345678' }, null] } }, content).ok,
    ).toBe(true);
    for (const payload of [
      { keys: [{ phone: 13812345678 }] },
      { keys: [{ name: '张三' }] },
      { keys: [{ phone: '' }] },
      { keys: 'all' },
      { keys: Array.from({ length: 10_001 }, () => null) },
    ])
      expect(admitMessage({ type: 'overlay:lookup', payload }, content)).toEqual({
        ok: false,
        error: 'DealerLens 收到格式不对的请求 / malformed request: overlay:lookup',
      });
    expect(admitMessage({ type: 'overlay:plan', payload: { headers: [1] } }, content).ok).toBe(false);
  });
});

describe('overlayService', () => {
  it("gives the profile's identity columns and each row's badge facts", async () => {
    const service = overlayService(await portalWithProfile());
    expect(await service['overlay:plan']({ headers: HEADERS }, content)).toEqual({
      columns: { phone: [1], vin: [], portalId: [2] },
    });
    const [found, missing, none] = await service['overlay:lookup'](
      { keys: [{ phone: '13812345678' }, { portalId: 'K404' }, null] },
      content,
    );
    expect(found).toMatchObject({ intent: 'H', nextDueAt: expect.stringMatching(/^2026-12-03/) });
    expect(typeof found!.id).toBe('string');
    // Only what the badge shows: no name, no mobile.
    expect(Object.keys(found!).every((k) => ['id', 'intent', 'nextDueAt', 'defeated', 'flags'].includes(k))).toBe(true);
    expect([missing, none]).toEqual([null, null]);
  });

  it('shows nothing on a list without a profile, a portal not enabled, or a site turned off', async () => {
    const service = overlayService(await portalWithProfile());
    expect(await service['overlay:plan']({ headers: ['名称', '金额'] }, content)).toBeNull();
    enabled = false;
    expect(await service['overlay:plan']({ headers: HEADERS }, content)).toBeNull();
    expect(await service['overlay:lookup']({ keys: [{ phone: '13812345678' }] }, content)).toEqual([null]);
    enabled = true;
    await setOverlayOff(LIST, true);
    expect(await service['overlay:plan']({ headers: HEADERS }, content)).toBeNull();
    expect(await service['overlay:lookup']({ keys: [{ phone: '13812345678' }] }, content)).toEqual([null]);
    await setOverlayOff(LIST, false);
    expect(await service['overlay:plan']({ headers: HEADERS }, content)).not.toBeNull();
  });
});

describe('the per-site switch', () => {
  it('is kept per site, and tells the page when it changes', async () => {
    const heard: boolean[] = [];
    const stop = onOverlaySetting(LIST, (off) => heard.push(off));
    await setOverlayOff('http://dms.example/other/page', true);
    expect(await isOverlayOff(LIST)).toBe(true);
    expect(await isOverlayOff('http://other.example/crm/list.do')).toBe(false);
    await setOverlayOff(LIST, false);
    stop();
    await setOverlayOff(LIST, true);
    expect(heard).toEqual([true, false]);
  });
});
