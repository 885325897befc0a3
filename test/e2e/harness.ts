// Drives the BUILT extension (.output/chrome-mv3) in Debian's Chromium, as
// docs/architecture.md#browser-tests describes. A copy of the build gets the demo
// portal's origin as a granted host permission: that is exactly the state
// after a user clicks "always enable on this portal" (an optional host
// permission), which a headless browser cannot click through. Such a manifest
// grant cannot be revoked; `grantAtRuntime` records the grant in the profile
// instead, as the browser does when the user accepts, so it can be.
import { chromium } from 'playwright-core';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { cpSync, mkdirSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DealerLensDB, StoredCustomer } from '../../lib/db';
import type { RuleSet } from '../../lib/grading';

export const BUILD_DIR = resolve('.output/chrome-mv3');

export function chromiumPath(): string {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium fonts-noto-cjk (or set CHROME_PATH)');
  return found;
}

/**
 * A copy of `buildDir` in `work`/extension, with `grantOrigins` added to its
 * host permissions (the state after "always enable on this portal"); returns its path.
 */
export function copyBuild(buildDir: string, work: string, grantOrigins: string[] = []): string {
  const extDir = join(work, 'extension');
  cpSync(buildDir, extDir, { recursive: true });
  if (grantOrigins.length) {
    const manifestPath = join(extDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
    manifest.host_permissions = [...(manifest.host_permissions ?? []), ...grantOrigins];
    writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  return extDir;
}

/**
 * The profile preferences of an optional host permission the user granted
 * for `origins` at run time ("always enable on this portal"), as Chromium
 * records it for the unpacked extension at `extDir`. Such a grant, unlike
 * one in the manifest's host_permissions, can be revoked.
 */
function runtimeGrantPreferences(extDir: string, origins: string[]): object {
  // Chromium's id for an unpacked extension: the SHA-256 of its absolute path, first 32 hex digits as a-p.
  const hex = createHash('sha256').update(realpathSync(extDir)).digest('hex').slice(0, 32);
  const id = [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
  const set = { api: [], explicit_host: origins, manifest_permissions: [], scriptable_host: [] };
  const keys = [
    'granted_permissions',
    'active_permissions',
    'desired_active_permissions',
    'runtime_granted_permissions',
  ];
  return { settings: { [id]: Object.fromEntries(keys.map((key) => [key, set])) } };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Run a function in the service worker, where `globalThis.dealerlens` holds the database. */
  evalInWorker<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  page(path: string): Promise<Page>;
  /** Stops the extension's service worker at once, as the browser may at any moment. */
  stopServiceWorker(): Promise<void>;
  /** A DevTools session on the running service worker (to pause it at a breakpoint, say). */
  serviceWorkerSession(): Promise<TargetSession>;
  /** Until the background has registered the capture script for the granted portal origins. */
  portalScriptsRegistered(): Promise<void>;
  close(): Promise<void>;
}

declare const chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } };

export async function launchWithExtension(
  opts: {
    grantOrigins?: string[];
    /** Origins the user granted at run time (revocable, e.g. in the options page); grantOrigins cannot be revoked. */
    grantAtRuntime?: string[];
    headless?: boolean;
    blockThirdPartyStorage?: boolean;
    args?: string[];
    /** Console errors this test provokes on purpose (matched against the message). */
    expectErrors?: RegExp[];
  } = {},
): Promise<ExtensionBrowser> {
  if (!existsSync(join(BUILD_DIR, 'manifest.json')))
    throw new Error(`No build at ${BUILD_DIR}: run npm run build first`);
  const work = mkdtempSync(join(tmpdir(), 'dealerlens-e2e-'));
  const extDir = copyBuild(BUILD_DIR, work, opts.grantOrigins);
  // A fresh Debian Chromium profile blocks the storage of third-party frames,
  // and with it the workbench frame DealerLens embeds in a portal page; a
  // profile with preferences written (as any used browser has) allows it, as
  // Chrome does by default. Tests run with that default; `blockThirdPartyStorage`
  // keeps the fresh profile's blocking, for the workbench's own message.
  const preferences = {
    ...(!opts.blockThirdPartyStorage && { profile: { cookie_controls_mode: 0 } }),
    ...(opts.grantAtRuntime?.length && { extensions: runtimeGrantPreferences(extDir, opts.grantAtRuntime) }),
  };
  if (Object.keys(preferences).length) {
    mkdirSync(join(work, 'profile', 'Default'), { recursive: true });
    writeFileSync(join(work, 'profile', 'Default', 'Preferences'), JSON.stringify(preferences));
  }
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: chromiumPath(),
    headless: false, // '--headless=new' below: the new headless mode loads extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    args: [
      ...(opts.headless === false ? [] : ['--headless=new']),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      ...(opts.args ?? []),
    ],
  });
  context.setDefaultTimeout(15_000);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  const ours = `chrome-extension://${extensionId}/`;
  const watch = await watchForLeaksAndErrors(context, ours, opts.expectErrors ?? []);
  const isOurs = (w: Worker) => w.url().startsWith(`chrome-extension://${extensionId}/`);
  /** True while the browser runs the worker: a stopped one leaves the target list (Playwright may keep its object). */
  const workerRunning = async () => {
    const { targetInfos } = await watch.browserSession.send('Target.getTargets');
    return targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(ours));
  };
  /** The running service worker: after the browser stopped it, the one it started again. */
  const currentWorker = async (): Promise<Worker> => {
    const running = context.serviceWorkers().filter(isOurs).at(-1);
    // Asked of a stopped worker, Playwright waits for it to start again: an extension page wakes it.
    if (running && (await workerRunning())) return running;
    const woken = await context.newPage();
    await woken.goto(`chrome-extension://${extensionId}/popup.html`);
    const started =
      context.serviceWorkers().filter(isOurs).at(-1) ??
      (await context.waitForEvent('serviceworker', { predicate: isOurs }));
    await woken.close();
    return started;
  };
  return {
    context,
    extensionId,
    worker,
    async evalInWorker(fn, arg) {
      try {
        return (await (await currentWorker()).evaluate(fn as never, arg)) as never;
      } catch (error) {
        // The worker was stopped under the call (or its object is stale): wake it and ask the running one.
        const woken = await context.newPage();
        await woken.goto(`chrome-extension://${extensionId}/popup.html`);
        const running = context.serviceWorkers().filter(isOurs);
        await woken.close();
        for (const candidate of running.reverse()) {
          try {
            return (await candidate.evaluate(fn as never, arg)) as never;
          } catch {
            // a stopped one: try the next
          }
        }
        throw error;
      }
    },
    async stopServiceWorker() {
      // As the browser does to an idle or busy MV3 worker: its target is closed, whatever it was doing.
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { targetId: string; type: string; url: string }[];
      };
      const target = targetInfos.find(
        (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
      );
      if (!target) throw new Error('no DealerLens service worker to stop');
      await cdp.send('Target.closeTarget', { targetId: target.targetId });
      await cdp.detach();
    },
    async serviceWorkerSession() {
      await currentWorker();
      const { targetInfos } = await watch.browserSession.send('Target.getTargets');
      const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(ours));
      if (!target) throw new Error('no DealerLens service worker to attach to');
      return attachToTarget(watch.browserSession, target.targetId);
    },
    async page(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async portalScriptsRegistered() {
      for (const started = Date.now(); Date.now() - started < 15_000;) {
        if (
          (await (
            await currentWorker()
          ).evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)) > 0
        )
          return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the background never registered the portal content script');
    },
    async close() {
      await context.close();
      rmSync(work, { recursive: true, force: true });
      watch.check();
    },
  };
}

type GradingWorker = {
  dealerlens: {
    db: DealerLensDB;
    grading: {
      regradeAll(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<unknown>;
      activeRuleSet(db: DealerLensDB): Promise<Readonly<RuleSet>>;
    };
  };
};

/** Stores customers in the extension's database and grades them by the active rule set, as after a capture. */
export async function seedGradedCustomers(browser: ExtensionBrowser, customers: StoredCustomer[]): Promise<void> {
  // tsx names functions with a __name helper the worker does not have.
  await browser.worker.evaluate('globalThis.__name = (fn) => fn');
  await browser.evalInWorker(async (rows) => {
    const { db, grading } = (globalThis as unknown as GradingWorker).dealerlens;
    await db.customers.bulkPut(rows);
    await grading.regradeAll(db, await grading.activeRuleSet(db), new Date());
  }, customers);
}

/** Loopback and the browser's own schemes: the only addresses a test may reach (the portal under test is served on loopback). */
export function isLocalRequest(url: string): boolean {
  if (/^(?:chrome-extension|moz-extension|data|blob|about|chrome|devtools):/.test(url)) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  } catch {
    return false;
  }
}

/** A DevTools session on one target, reached through the browser's own session (Playwright lends none for a service worker). */
export interface TargetSession {
  send<T = unknown>(method: string, params?: object): Promise<T>;
  /** Every event of this target named `method`. */
  on(method: string, listener: (params: never) => void): void;
  detach(): Promise<void>;
}

/**
 * Attaches to `targetId` in the protocol's non-flat mode (messages wrapped in
 * Target.sendMessageToTarget): the only mode a Playwright CDP session can carry.
 */
export async function attachToTarget(browserSession: CDPSession, targetId: string): Promise<TargetSession> {
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId, flatten: false });
  let next = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Map<string, ((params: never) => void)[]>();
  const onMessage = (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as {
      id?: number;
      method?: string;
      params?: never;
      result?: unknown;
      error?: { message: string };
    };
    if (message.id !== undefined) {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) call?.reject(new Error(message.error.message));
      else call?.resolve(message.result);
    } else if (message.method) for (const listener of listeners.get(message.method) ?? []) listener(message.params!);
  };
  const onDetached = (event: { sessionId: string }) => {
    if (event.sessionId !== sessionId) return;
    for (const call of pending.values()) call.reject(new Error('the target went away'));
    pending.clear();
    browserSession.off('Target.receivedMessageFromTarget', onMessage);
    browserSession.off('Target.detachedFromTarget', onDetached);
  };
  browserSession.on('Target.receivedMessageFromTarget', onMessage);
  browserSession.on('Target.detachedFromTarget', onDetached);
  return {
    send<T>(method: string, params: object = {}) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        browserSession
          .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
          .catch((error: Error) => {
            pending.delete(id);
            reject(error);
          });
      });
    },
    on(method, listener) {
      listeners.set(method, [...(listeners.get(method) ?? []), listener]);
    },
    async detach() {
      await browserSession.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    },
  };
}

type RemoteObject = { type: string; value?: unknown; description?: string };

/** A console call's arguments as the console prints them. */
const consoleText = (args: RemoteObject[]) =>
  args.map((a) => (a.type === 'string' ? String(a.value) : (a.description ?? JSON.stringify(a.value)))).join(' ');

/**
 * Every browser test records what the extension and the pages do: any
 * request that leaves the machine (DealerLens sends nothing anywhere: no
 * analytics, fonts or CDN), any console error, uncaught error or CSP
 * violation fails the test file when its browser closes
 * (docs/architecture.md#hostile-pages). The extension's service worker is
 * watched through the DevTools protocol, each one the browser starts (after
 * it stopped the last): Playwright reports neither its uncaught errors nor a
 * restarted worker's console. Enabling the runtime replays what a worker
 * logged before the watch attached, so a worker that fails as it starts is
 * seen too.
 */
async function watchForLeaksAndErrors(context: BrowserContext, extensionUrl: string, expected: RegExp[]) {
  const leaks: string[] = [];
  const errors: string[] = [];
  const isExpected = (text: string) => expected.some((e) => e.test(text));
  context.on('request', (request) => {
    if (!isLocalRequest(request.url())) leaks.push(request.url());
  });
  const watchPage = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && !isExpected(message.text())) errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => {
      if (!isExpected(error.message)) errors.push(`${page.url()}: ${error.message}`);
    });
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);

  const browser = context.browser();
  if (!browser) throw new Error('no browser to watch the service worker through');
  const browserSession = await browser.newBrowserCDPSession();
  const record = (text: string) => {
    if (!isExpected(text)) errors.push(`service worker: ${text}`);
  };
  const watchWorker = async (targetId: string) => {
    const worker = await attachToTarget(browserSession, targetId);
    worker.on('Runtime.consoleAPICalled', (event: { type: string; args: RemoteObject[] }) => {
      if (event.type === 'error' || event.type === 'assert') record(consoleText(event.args));
    });
    worker.on('Runtime.exceptionThrown', (event: { exceptionDetails: { text: string; exception?: RemoteObject } }) => {
      const { text, exception } = event.exceptionDetails;
      record(`${text} ${exception?.description ?? consoleText(exception ? [exception] : [])}`);
    });
    // What the browser itself reports there: a CSP violation, a failed load.
    worker.on('Log.entryAdded', (event: { entry: { level: string; text: string; url?: string } }) => {
      if (event.entry.level === 'error') record(`${event.entry.text}${event.entry.url ? ` (${event.entry.url})` : ''}`);
    });
    await Promise.all([worker.send('Runtime.enable'), worker.send('Log.enable')]);
  };
  const attaching = new Set<Promise<void>>();
  browserSession.on('Target.targetCreated', ({ targetInfo }) => {
    if (targetInfo.type !== 'service_worker' || !targetInfo.url.startsWith(extensionUrl)) return;
    // A worker stopped before the watch reached it has nothing more to say.
    const attached = watchWorker(targetInfo.targetId).catch(() => undefined);
    attaching.add(attached);
    void attached.finally(() => attaching.delete(attached));
  });
  // Reports every target there is now, then each one created.
  await browserSession.send('Target.setDiscoverTargets', { discover: true });
  await Promise.all(attaching);
  return {
    browserSession,
    check() {
      if (leaks.length) throw new Error(`requests left the machine: ${[...new Set(leaks)].join(', ')}`);
      if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
    },
  };
}

/**
 * DealerLens's in-page panel (`dealerlens-capture`), drawer
 * (`dealerlens-workbench`) or overlay on the portal's rows
 * (`dealerlens-overlay`), reached as the user reaches it. Their shadow
 * roots are closed and their controls act only on trusted input, so a test
 * reads them through the DevTools protocol (which sees closed roots) and
 * presses a control with a real mouse click at its place on screen.
 */
export interface InPage {
  /** Runs `fn` on the shadow root (in the page's world; for reading only). */
  read<R, A = undefined>(fn: (root: ShadowRoot, arg: A) => R, arg?: A): Promise<R>;
  text(selector: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  attribute(selector: string, name: string): Promise<string | null>;
  /** Until `selector` matches in the root. */
  waitFor(selector: string, opts?: { timeout?: number }): Promise<void>;
  /** The user clicks the first visible button whose text contains `label` (or the first match of `{ selector }`), waiting for it to appear. */
  click(target: string | { selector: string }, opts?: { timeout?: number }): Promise<void>;
  /** A page script's click on the same control (`el.click()` and a dispatched click): untrusted. */
  scriptClick(target: string | { selector: string }): Promise<void>;
  /** The DealerLens frame in this root (the capture preview, the workbench), once it is there. */
  frame(selector?: string, opts?: { timeout?: number }): Promise<import('playwright-core').Frame>;
}

type Cdp = import('playwright-core').CDPSession;
const sessions = new WeakMap<Page, Promise<Cdp>>();

/** Finds the host in the page or, on a frame-built portal, in one of its same-origin frames. */
const FIND_HOST = `(tag, inUrl) => {
  const find = (d) => {
    const h = d.querySelector(tag);
    if (h && (!inUrl || d.location.href.includes(inUrl))) return h;
    for (const f of d.querySelectorAll('frame, iframe')) {
      try { const r = f.contentDocument && find(f.contentDocument); if (r) return r; } catch {}
    }
    return null;
  };
  return find(document);
}`;

const PICK = `function (target) {
  const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  if (typeof target === 'string')
    return [...this.querySelectorAll('button')].find((b) => visible(b) && (b.textContent || '').includes(target)) || null;
  return this.querySelector(target.selector);
}`;

export function inPage(
  page: Page,
  tag: 'dealerlens-capture' | 'dealerlens-workbench' | 'dealerlens-overlay' = 'dealerlens-capture',
  /** On a frame-built page, the host in the document whose address contains this (other frames may hold their own). */
  inUrl = '',
): InPage {
  const cdp = async (): Promise<Cdp> => {
    let s = sessions.get(page);
    if (!s) sessions.set(page, (s = page.context().newCDPSession(page)));
    return s;
  };
  /** The closed root's remote object, found afresh (the page may have reloaded). */
  const root = async (): Promise<string | null> => {
    const s = await cdp();
    const host = (await s.send('Runtime.evaluate', {
      expression: `(${FIND_HOST})(${JSON.stringify(tag)}, ${JSON.stringify(inUrl)})`,
    })) as {
      result: { objectId?: string; subtype?: string };
    };
    if (!host.result.objectId) return null;
    const { node } = (await s.send('DOM.describeNode', { objectId: host.result.objectId, depth: 1, pierce: true })) as {
      node: { shadowRoots?: { backendNodeId: number }[] };
    };
    await s.send('Runtime.releaseObject', { objectId: host.result.objectId });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = (await s.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as {
      object: { objectId?: string };
    };
    return object.objectId ?? null;
  };
  const call = async <R>(declaration: string, args: unknown[], byValue = true): Promise<R | null> => {
    const objectId = await root();
    if (!objectId) return null;
    const s = await cdp();
    const { result, exceptionDetails } = (await s.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: declaration,
      arguments: args.map((value) => ({ value })),
      returnByValue: byValue,
    })) as { result: { value?: R; objectId?: string; subtype?: string }; exceptionDetails?: { text: string } };
    if (exceptionDetails) throw new Error(`${tag}: ${exceptionDetails.text}`);
    return byValue ? (result.value ?? null) : ((result.subtype === 'null' ? null : (result.objectId ?? null)) as R);
  };
  const element = async (target: string | { selector: string }, timeout = 15_000): Promise<string> => {
    for (const started = Date.now(); ;) {
      const id = await call<string>(PICK, [target], false).catch(() => null);
      if (id) return id;
      if (Date.now() - started > timeout) throw new Error(`${tag}: no ${JSON.stringify(target)} within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    async read(fn, arg) {
      return (await call(`function (arg) { return (${fn.toString()})(this, arg); }`, [arg])) as never;
    },
    text: (selector) =>
      call<string | null>('function (s) { const e = this.querySelector(s); return e ? e.textContent : null; }', [
        selector,
      ]),
    count: async (selector) =>
      (await call<number>('function (s) { return this.querySelectorAll(s).length; }', [selector])) ?? 0,
    attribute: (selector, name) =>
      call<string | null>('function (s, n) { const e = this.querySelector(s); return e ? e.getAttribute(n) : null; }', [
        selector,
        name,
      ]),
    async waitFor(selector, opts) {
      const timeout = opts?.timeout ?? 15_000;
      for (const started = Date.now(); ;) {
        const n = await call<number>('function (s) { return this.querySelectorAll(s).length; }', [selector]).catch(
          () => 0,
        );
        if (n) return;
        if (Date.now() - started > timeout) throw new Error(`${tag}: no ${selector} within ${timeout} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async click(target, opts) {
      const timeout = opts?.timeout ?? 15_000;
      const s = await cdp();
      let q: number[] | undefined;
      // The panel may draw itself again between finding a control and measuring it (a list drawn
      // once the background answered): a control gone from the screen is found again.
      for (const started = Date.now(); !q;) {
        const objectId = await element(target, timeout);
        const quads = await s
          .send('DOM.scrollIntoViewIfNeeded', { objectId })
          .then(() => s.send('DOM.getContentQuads', { objectId }) as Promise<{ quads: number[][] }>)
          .then(
            (r) => r.quads,
            () => [],
          );
        await s.send('Runtime.releaseObject', { objectId });
        q = quads[0];
        if (q) break;
        if (Date.now() - started > timeout) throw new Error(`${tag}: ${JSON.stringify(target)} is not on screen`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const x = (q[0]! + q[2]! + q[4]! + q[6]!) / 4;
      const y = (q[1]! + q[3]! + q[5]! + q[7]!) / 4;
      await page.mouse.click(x, y);
    },
    async scriptClick(target) {
      const objectId = await element(target);
      const s = await cdp();
      await s.send('Runtime.callFunctionOn', {
        objectId,
        functionDeclaration: `function () { this.click(); this.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })); }`,
      });
      await s.send('Runtime.releaseObject', { objectId });
    },
    async frame(selector = 'iframe', opts) {
      const timeout = opts?.timeout ?? 15_000;
      for (const started = Date.now(); ;) {
        const src = await call<string>('function (s) { const f = this.querySelector(s); return f ? f.src : null; }', [
          selector,
        ]).catch(() => null);
        // In Chromium the frame is served at a per-session address (use_dynamic_url): its path and query name it.
        const tail = (url: string) => url.replace(/^[a-z-]+:\/\/[^/]*/, '');
        const found = src ? page.frames().find((f) => f.parentFrame() && tail(f.url()) === tail(src)) : undefined;
        if (found) return found;
        if (Date.now() - started > timeout) throw new Error(`${tag}: no frame ${selector} within ${timeout} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
