// The table libraries' own pages on the demo portal (`/families/<fixture>`):
// the pages test/fixtures/render/pages.ts renders the fixtures from, live,
// the real library drawing the table, its pager and its page-size drop-down
// and re-rendering them in place on every click, fed `?n=` customers
// (default 250) instead of the fixtures' 25. Whole-list capture is tested on
// them (test/e2e/crawl-families.e2e.ts). Library files come from
// node_modules (/nm/), Element UI 2 from $EUI_DIR (/eui/, unpacked as
// test/fixtures/render/README.md says); the antd page and xe-utils are
// bundled with esbuild on first use.
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CUSTOMERS, manyCustomers } from '../fixtures/render/data.ts';
import { ANTD_ENTRY, XE_UTILS_ENTRY, allPages, type Versions } from '../fixtures/render/pages.ts';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const NODE_MODULES = join(REPO, 'node_modules');
const EUI_DIR = process.env.EUI_DIR ?? '/tmp/eui';

const MIME: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

export interface FamilyResponse {
  status: number;
  type: string;
  body: string | Buffer;
}

const bundles = new Map<string, Promise<string>>();

async function bundle(name: string, contents: string): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: { contents, loader: 'jsx', resolveDir: REPO, sourcefile: `${name}-entry.jsx` },
    bundle: true,
    format: 'iife',
    jsx: 'automatic',
    minify: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// The versions only name the libraries in the fixtures' expected notes, unused here.
const NO_VERSIONS = new Proxy({} as Versions, { get: () => '' });

/** The page of fixture `name` with `count` customers, or undefined for an unknown name. */
export function familyPage(name: string, count: number): string | undefined {
  const page = allPages(NO_VERSIONS).find((p) => p.name === name);
  if (!page) return undefined;
  const from = `window.DATA = ${JSON.stringify(CUSTOMERS).replace(/</g, '\\u003c')};`;
  const to = `window.DATA = ${JSON.stringify(manyCustomers(count)).replace(/</g, '\\u003c')};`;
  return page.html.replace(from, to);
}

/** Answers /families/<name>, /nm/…, /eui/… and /bundle/<name>.js; undefined for other paths. */
export async function familyResponse(path: string, params: URLSearchParams): Promise<FamilyResponse | undefined> {
  if (path.startsWith('/families/')) {
    const html = familyPage(path.slice('/families/'.length), Number(params.get('n') ?? 250) || 250);
    return html
      ? { status: 200, type: 'text/html; charset=utf-8', body: html }
      : { status: 404, type: 'text/plain', body: 'no such family' };
  }
  const bundled = /^\/bundle\/(antd|xe-utils)\.js$/.exec(path);
  if (bundled) {
    const name = bundled[1]!;
    if (!bundles.has(name)) bundles.set(name, bundle(name, name === 'antd' ? ANTD_ENTRY : XE_UTILS_ENTRY));
    return { status: 200, type: MIME['.js']!, body: await bundles.get(name)! };
  }
  for (const [prefix, root] of [
    ['/nm/', NODE_MODULES],
    ['/eui/', EUI_DIR],
  ] as const) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root + sep) || !existsSync(file))
      return { status: 404, type: 'text/plain', body: `not found: ${path}` };
    return { status: 200, type: MIME[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
  }
  return undefined;
}
