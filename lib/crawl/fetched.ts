// Reading a server pager's next page without leaving the page: where the
// next-page control is a plain same-origin link, its page can be fetched and
// parsed instead of navigated to. These are the decisions: is the control
// such a link (and to what URL), and is a fetched response a page of the
// list. Pure: the control, the URLs and the response's facts come in.

/** Why a fetched next page cannot be read: the crawl goes back to clicking. */
export type FetchFallback = 'not-ok' | 'not-html' | 'other-origin' | 'login' | 'no-list';

/** Link targets that open the page in the same browsing context (a frame, or the tab itself). */
const SAME_WINDOW = new Set(['', '_self', '_top', '_parent']);
/** A login page answering in the list's place: the session ended. */
const LOGIN_PATH = /(?:^|[/_.-])(?:login|logon|signin|sign-in|sso|passport|cas)(?:$|[/_.?-])/i;

function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host;
}

function parse(href: string, base: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/**
 * The URL the next-page control goes to when it is a plain GET link to the
 * same origin, else null (the crawl clicks it). `pageUrl` is the URL of the
 * page the control is on: for a fetched page, the response's URL (a parsed
 * document's own base is the page that parsed it, not the one fetched). A
 * control inside the link (an icon, a span) means the link.
 */
export function fetchableHref(control: Element, pageUrl: string): string | null {
  const link = control.closest('a');
  if (!link) return null;
  const raw = link.getAttribute('href')?.trim();
  if (!raw || raw.startsWith('#') || /^javascript:/i.test(raw)) return null;
  // A handler of its own may do anything (prevent the load, post a form): only bare links are fetched.
  if (link.hasAttribute('onclick') || link.hasAttribute('download')) return null;
  if (!SAME_WINDOW.has((link.getAttribute('target') ?? '').trim().toLowerCase())) return null;
  const base = parse(pageUrl, pageUrl);
  const url = parse(raw, pageUrl);
  if (!base || !url || !/^https?:$/.test(url.protocol) || !sameOrigin(url, base)) return null;
  url.hash = '';
  base.hash = '';
  // A link to the page itself would read the same page again.
  if (url.href === base.href) return null;
  return url.href;
}

/** What a fetch answered, as far as deciding goes. */
export interface FetchedResponse {
  ok: boolean;
  /** the Content-Type header ('' when none) */
  contentType: string;
  /** the URL the response came from, after any redirect */
  url: string;
}

/**
 * null when the response may hold the list's next page; else why the crawl
 * goes back to clicking: an error status, not HTML, a redirect to another
 * origin or to a login page.
 */
export function fetchedProblem(response: FetchedResponse, requested: string): FetchFallback | null {
  if (!response.ok) return 'not-ok';
  if (!/^\s*(?:text\/html|application\/xhtml\+xml)\b/i.test(response.contentType)) return 'not-html';
  const to = parse(response.url || requested, requested);
  const from = parse(requested, requested);
  if (!to || !from || !sameOrigin(to, from)) return 'other-origin';
  if (to.pathname !== from.pathname && LOGIN_PATH.test(to.pathname)) return 'login';
  return null;
}

/** A parsed page that asks for a password is a login page, whatever its URL. */
export function looksLikeLogin(doc: Document): boolean {
  return doc.querySelector('input[type="password" i]') !== null;
}

/**
 * The encoding to decode a fetched page with: the Content-Type's charset,
 * else the page's own <meta charset> (or http-equiv) in its first bytes
 * (`head`, read as Latin-1), else UTF-8. Legacy portals often serve GBK,
 * which a plain text() read would garble.
 */
export function charsetOf(contentType: string, head: string): string {
  const named =
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  const label = named?.toLowerCase();
  // gb2312 pages carry GBK characters in practice; the decoder's GBK reads both.
  if (label === 'gb2312' || label === 'x-gbk') return 'gbk';
  return label ?? 'utf-8';
}
