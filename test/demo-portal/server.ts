// The demo portal's HTTP server (node:http only). Used by `npm start`,
// `npm run demo`, the browser tests and the benchmarks. Listens on 127.0.0.1
// only: the demo data never leaves the machine.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SEED, DEFAULT_TODAY, generateCustomers, type DemoCustomer } from './data.ts';
import { computeKpis } from './format.ts';
import {
  DETAIL_PATH,
  LIST_PATH,
  MAX_MODERN_PAGE_SIZE,
  MAX_PAGE_SIZE,
  parseListQuery,
  renderBrokenListPage,
  renderCardList,
  renderDashboard,
  renderDetailPage,
  renderFrameMenu,
  renderFrameset,
  renderFrameTop,
  renderIframeShell,
  renderListPage,
  renderModernList,
  renderNotFound,
} from './render.ts';
import { CRAWL_MODES, renderCrawlList, type CrawlMode } from './crawl-lists.ts';
import { familyResponse } from './families.ts';

export const DEFAULT_DEMO_PORT = 5780;

export interface DemoPortalOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Number of customers (default 2000). */
  count?: number;
  seed?: number;
  /** Reference date 'YYYY-MM-DD' all dates are relative to (default 2026-11-23). */
  today?: string;
}

export interface DemoPortal {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:5780 */
  url: string;
  close(): Promise<void>;
  customers: DemoCustomer[];
}

const ASSETS = new URL('./assets/', import.meta.url);
const STATIC: Record<string, string> = {
  '/static/dms.css': 'dms.css',
  '/static/element.css': 'element.css',
};

export async function startDemoPortal(opts: DemoPortalOptions = {}): Promise<DemoPortal> {
  const host = opts.host ?? '127.0.0.1';
  const today = opts.today ?? DEFAULT_TODAY;
  const customers = generateCustomers(opts.count ?? 2000, opts.seed ?? DEFAULT_SEED, today);
  const byId = new Map(customers.map((c) => [c.portalId, c]));
  const kpis = computeKpis(customers, today);
  const assets = new Map(
    Object.entries(STATIC).map(([path, file]) => [path, readFileSync(fileURLToPath(new URL(file, ASSETS)), 'utf8')]),
  );

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const params = url.searchParams;
    const send = (status: number, body: string, type = 'text/html; charset=utf-8'): void => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        // What such portals announce; harmless flavour.
        Server: 'Apache-Coyote/1.1',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const redirect = (to: string): void => {
      res.writeHead(302, { Location: to, 'Content-Length': 0 });
      res.end();
    };

    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(405, 'Method Not Allowed', 'text/plain; charset=utf-8');
    const asset = assets.get(path);
    if (asset !== undefined) return send(200, asset, 'text/css; charset=utf-8');

    // The table libraries' own pages, live (families.ts): /families/element-plus-basic, ...
    if (/^\/(?:families|nm|eui|bundle)\//.test(path)) {
      void familyResponse(path, params)
        .then((r) => r ?? { status: 404, type: 'text/plain', body: 'not found' })
        .catch((error: unknown) => ({ status: 500, type: 'text/plain', body: String(error) }))
        .then((r) => {
          res.writeHead(r.status, { 'Content-Type': r.type, 'Cache-Control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : r.body);
        });
      return;
    }
    // The lists for whole-list capture: /crawl/script, /crawl/virtual, ... (crawl-lists.ts)
    const crawlMode = path.startsWith('/crawl/') ? path.slice('/crawl/'.length) : '';
    if ((CRAWL_MODES as readonly string[]).includes(crawlMode))
      return send(200, renderCrawlList(customers, crawlMode as CrawlMode));

    switch (path) {
      case '/':
      case '/index.html':
        return redirect(LIST_PATH);
      case LIST_PATH:
        return send(
          200,
          renderListPage(customers, parseListQuery(params, MAX_PAGE_SIZE), {
            today,
            kpis,
            embedded: params.get('embed') === '1',
            iconPager: params.get('pager') === 'icons',
          }),
        );
      case DETAIL_PATH: {
        const c = byId.get(params.get('id') ?? '');
        if (!c) return send(404, renderNotFound(`${path}?${params.toString()}`, today));
        return send(200, renderDetailPage(c, today, params.get('op') === 'edit'));
      }
      case '/frames':
      case '/frames/':
        return redirect('/frames/index.html');
      case '/frames/index.html':
        return send(200, renderFrameset());
      case '/frames/top.html':
        return send(200, renderFrameTop(today));
      case '/frames/menu.html':
        return send(200, renderFrameMenu());
      case '/iframe':
      case '/iframe/':
        return redirect('/iframe/index.html');
      case '/iframe/index.html':
        return send(200, renderIframeShell(today));
      case '/modern/list':
        return send(200, renderModernList(customers, parseListQuery(params, MAX_MODERN_PAGE_SIZE), today));
      case '/cards/list':
        return send(200, renderCardList(customers, parseListQuery(params, MAX_PAGE_SIZE), today));
      case '/empty':
        return send(200, renderDashboard(customers, today));
      case '/broken':
        return send(200, renderBrokenListPage(today, kpis));
      case '/favicon.ico':
        res.writeHead(204);
        return void res.end();
      default:
        return send(404, renderNotFound(path, today));
    }
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`500 Internal Server Error\n${String(err)}`);
    }
  });
  // Browsers keep connections alive; close() should not wait for them.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    customers,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// `npx tsx test/demo-portal/server.ts` (npm run demo): serve on 5780 or $PORT.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT) || DEFAULT_DEMO_PORT;
  startDemoPortal({ port }).then(
    (portal) => {
      console.log(`DealerLens 演示经销商系统 / demo portal: ${portal.url}${LIST_PATH}`);
      console.log('按 Ctrl+C 停止 / Press Ctrl+C to stop.');
      const stop = (): void => void portal.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: NodeJS.ErrnoException) => {
      console.error(
        err.code === 'EADDRINUSE'
          ? `端口 ${port} 已被占用，请设置 PORT 环境变量换一个端口 / Port ${port} is in use; set PORT to use another.`
          : `演示系统启动失败 / Demo portal failed to start: ${err.message}`,
      );
      process.exit(1);
    },
  );
}
