// The background's side of a taught next-page control (lib/extension/taught.ts):
// checked messages, saved in the list's site profile with its mapping (on its
// own until the list has a profile, then moved into it), forgotten on request,
// kept when the mapping is confirmed again, and only for the sender's own page.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { admitMessage, CONTENT_SCRIPT_MESSAGES, type Sender } from '../../../lib/extension/messages';
import { taughtService } from '../../../lib/extension/taught';
import { listProfiles, saveProfile } from '../../../lib/db';
import { CaptureSessions } from '../../../lib/capture';
import { profileFromMapping } from '../../../lib/mapping';
import { freshDatabase } from '../db/helpers';

const LIST = 'http://dms.example/crm/list.do?page=3';
const HEADERS = ['姓名', '手机', '客户编号'];
const content: Sender = { kind: 'content', tabId: 3, url: LIST, tabUrl: LIST };
const ARROW = { selector: 'div.pg > button.pg-btn:nth-last-of-type(1)', label: '' };
const NOW = new Date('2026-12-07T09:00:00');

beforeEach(() => {
  fakeBrowser.reset();
});

function profile() {
  return profileFromMapping({
    id: 'p1',
    name: '客户列表',
    url: LIST,
    headers: HEADERS,
    mapping: [
      { index: 0, header: '姓名', field: 'name', via: 'profile', confidence: 1 },
      { index: 1, header: '手机', field: 'phone', via: 'profile', confidence: 1 },
      { index: 2, header: '客户编号', field: 'portalId', via: 'profile', confidence: 1 },
    ],
    now: new Date('2026-12-01T09:00:00'),
  });
}

describe('taught next-page control messages', () => {
  it('a content script may teach and ask, with a checked selector only', () => {
    expect(CONTENT_SCRIPT_MESSAGES.has('crawl:teach')).toBe(true);
    expect(CONTENT_SCRIPT_MESSAGES.has('crawl:taught')).toBe(true);
    const teach = (control: unknown) =>
      admitMessage({ type: 'crawl:teach', payload: { pageUrl: LIST, headers: HEADERS, control } }, content).ok;
    expect(teach(ARROW)).toBe(true);
    expect(teach(null)).toBe(true);
    expect(teach({ selector: '', label: '' })).toBe(false);
    expect(teach({ selector: 'a'.repeat(501), label: '' })).toBe(false);
    expect(teach({ selector: 'a{}', label: '' })).toBe(false);
    expect(teach({ selector: 'a', label: '', extra: 1 })).toBe(false);
    expect(teach('a.next')).toBe(false);
    expect(admitMessage({ type: 'crawl:taught', payload: { pageUrl: LIST, headers: 'x' } }, content).ok).toBe(false);
  });

  it('saves the control in the site profile, with the mapping; forgets it on request', async () => {
    const db = freshDatabase();
    await saveProfile(db, profile());
    const service = taughtService(db, () => NOW);
    await expect(service['crawl:teach']({ pageUrl: LIST, headers: HEADERS, control: ARROW }, content)).resolves.toEqual(
      { saved: 'profile' },
    );
    const [saved] = await listProfiles(db);
    expect(saved).toMatchObject({ id: 'p1', nextControl: ARROW, mapping: profile().mapping });
    // Another page of the same list, its columns in another order.
    await expect(
      service['crawl:taught'](
        { pageUrl: 'http://dms.example/crm/list.do?page=9', headers: [...HEADERS].reverse() },
        content,
      ),
    ).resolves.toEqual({ control: ARROW });
    await service['crawl:teach']({ pageUrl: LIST, headers: HEADERS, control: null }, content);
    expect((await listProfiles(db))[0]!.nextControl).toBeUndefined();
    await expect(service['crawl:taught']({ pageUrl: LIST, headers: HEADERS }, content)).resolves.toEqual({
      control: null,
    });
  });

  it('a list without a profile keeps it on its own, and it moves into the profile the list gets', async () => {
    const db = freshDatabase();
    const service = taughtService(db, () => NOW);
    await expect(service['crawl:teach']({ pageUrl: LIST, headers: HEADERS, control: ARROW }, content)).resolves.toEqual(
      { saved: 'list' },
    );
    await expect(service['crawl:taught']({ pageUrl: LIST, headers: HEADERS }, content)).resolves.toEqual({
      control: ARROW,
    });
    // The first capture's mapping is confirmed: the list has a profile now.
    const sessions = new CaptureSessions(db, () => NOW);
    const staged = await sessions.stage({
      pageUrl: LIST,
      pageTitle: '客户列表',
      frame: null,
      headers: HEADERS,
      rows: [['张三', '13812345678', 'KH001']],
      rowLinks: [null],
    });
    await sessions.commit(staged.id, undefined, true);
    expect((await listProfiles(db))[0]!.nextControl).toBeUndefined();
    await expect(service['crawl:taught']({ pageUrl: LIST, headers: HEADERS }, content)).resolves.toEqual({
      control: ARROW,
    });
    expect((await listProfiles(db))[0]!.nextControl).toEqual(ARROW);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});

    // The mapping confirmed again (重新映射): the control stays with the list.
    const again = await sessions.stage({
      pageUrl: LIST,
      pageTitle: '客户列表',
      frame: null,
      headers: HEADERS,
      rows: [['李四', '13912345678', 'KH002']],
      rowLinks: [null],
    });
    await sessions.commit(again.id, [{ index: 2, field: null }], true);
    expect((await listProfiles(db))[0]!.nextControl).toEqual(ARROW);
  });

  it("teaches only for the sender's own site", async () => {
    const service = taughtService(freshDatabase(), () => NOW);
    await expect(
      service['crawl:teach']({ pageUrl: 'http://other.example/list', headers: HEADERS, control: ARROW }, content),
    ).rejects.toThrow(/只能为本页的列表/);
  });
});
