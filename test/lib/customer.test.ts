/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { webLink } from '../../lib/customer';
import { linkOf } from '../../lib/scrape/columns';
import { commitCapture } from '../../lib/db';
import { PAGE, at, freshDatabase, row } from './db/helpers';
import { parse } from './scrape/helpers';

// Hrefs a hostile portal page can hold: each must never become a stored or clickable link.
const HOSTILE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0001javascript:alert(1)',
  ' \u0000javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'blob:http://dms.example/1234',
  'file:///etc/passwd',
  'filesystem:http://dms.example/temporary/x',
];

describe('only http and https links are ever stored or made clickable', () => {
  it.each(HOSTILE)('refuses %j', (href) => {
    expect(webLink(href)).toBeNull();
    expect(webLink(href, 'http://dms.example/crm/list.do')).toBeNull();
  });

  it('keeps http(s) links, resolving a relative one against the page', () => {
    expect(webLink('https://dms.example/crm/view.do?id=1')).toBe('https://dms.example/crm/view.do?id=1');
    expect(webLink('view.do?id=1', 'http://dms.example/crm/list.do')).toBe('http://dms.example/crm/view.do?id=1');
    expect(webLink('view.do?id=1')).toBeNull();
  });

  it('a scraped cell link written as an HTML entity (java&#9;script:) or behind a control character is no row link', () => {
    const doc = parse(`<base href="http://dms.example/crm/list.do"><a id="tab" href="java&#9;script:alert(1)">张伟</a>
      <a id="ctl" href="&#1;javascript:alert(1)">李娜</a><a id="data" href="data:text/html,x">王芳</a>
      <a id="ok" href="view.do?id=7">赵强</a>`);
    const link = (id: string) => linkOf(doc.getElementById(id)!);
    expect([link('tab'), link('ctl'), link('data')]).toEqual([null, null, null]);
    expect(link('ok')).toBe('http://dms.example/crm/view.do?id=7');
  });

  it('a captured record carrying a script or data link is stored without a portal link', async () => {
    const db = freshDatabase();
    const records = HOSTILE.map((detailUrl, i) =>
      row({ name: `客户${i}`, phone: `1381234${String(5000 + i)}` }, { detailUrl }),
    );
    await commitCapture(db, { records, source: 'page', pageUrl: PAGE, now: at('2026-03-01T02:00:00Z') });
    const stored = await db.customers.toArray();
    expect(stored).toHaveLength(HOSTILE.length);
    expect(stored.map((c) => c.provenance.detailUrl).filter(Boolean)).toEqual([]);
  });
});
