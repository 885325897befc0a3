// `npm start` (after `wxt build`): serve the demo portal and open Chromium
// with DealerLens loaded on its customer list, a new user's first try
// (docs/architecture.md#testing). The extension it loads is a copy of the build already allowed
// on the demo portal (the state after 在此系统上始终启用 Always enable on this
// portal, as the browser tests do it: test/e2e/harness.ts copyBuild), so the
// blue DealerLens button is there at once. Without a display or a browser it
// still serves the portal and says, in Chinese and English, how to reach it
// from another machine and how to load the extension by hand.

import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { copyBuild } from '../e2e/harness.ts';
import { DEFAULT_DEMO_PORT, startDemoPortal, type DemoPortal } from './server.ts';
import { LIST_PATH } from './render.ts';

export const EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
export const PROFILE_DIR = fileURLToPath(new URL('../../.tmp/chromium-profile', import.meta.url));
/** Where `npm start` keeps its copy of the build, allowed on the demo portal (`extension/` inside). */
export const START_DIR = fileURLToPath(new URL('../../.tmp/start', import.meta.url));
/** The portal's origins on this machine: host permissions match every port. */
export const PORTAL_GRANTS = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * A fresh copy of `buildDir` in `workDir`/extension with the portal's origins
 * granted; returns its path. The same path every run, so the browser profile
 * keeps the same extension (and its captured customers).
 */
export function prepareExtension(buildDir: string, workDir: string, grants: string[] = PORTAL_GRANTS): string {
  rmSync(join(workDir, 'extension'), { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  return copyBuild(buildDir, workDir, grants);
}

/** The address the portal listens on: 127.0.0.1 unless HOST says otherwise (HOST=0.0.0.0: every interface). */
export function bindHost(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOST?.trim() || '127.0.0.1';
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1';
const isAnyHost = (host: string) => host === '0.0.0.0' || host === '::';

/** The portal's list page as other machines reach it: the machine's own addresses when it listens on all of them. */
export function remoteUrls(
  host: string,
  port: number,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  if (isLoopback(host)) return [];
  const hosts = isAnyHost(host)
    ? Object.values(interfaces)
        .flatMap((list) => list ?? [])
        .filter((i) => i.family === 'IPv4' && !i.internal)
        .map((i) => i.address)
    : [host];
  return hosts.map((h) => `http://${h.includes(':') ? `[${h}]` : h}:${port}${LIST_PATH}`);
}

export type StartPlan = { open: true; executablePath: string } | { open: false; reason: string };

/** Whether `npm start` can open a browser here, and if not, why (the first thing that is missing). */
export function planStart(opts: {
  built: boolean;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
}): StartPlan {
  if (!opts.built)
    return {
      open: false,
      reason: `未找到构建好的扩展，请先运行 npm run build / No built extension at ${EXTENSION_DIR}; run npm run build first.`,
    };
  if (!hasDisplay(opts.env, opts.platform)) {
    return {
      open: false,
      reason:
        '没有图形界面（未设置 DISPLAY / WAYLAND_DISPLAY），无法打开浏览器。 / No display (DISPLAY / WAYLAND_DISPLAY unset): not opening a browser.',
    };
  }
  const executablePath = findBrowser(opts.env, opts.platform, opts.exists);
  if (!executablePath)
    return {
      open: false,
      reason:
        '未找到 Chromium 或 Chrome，可用 CHROME_PATH 指定浏览器路径。 / No Chromium or Chrome found; set CHROME_PATH to your browser.',
    };
  return { open: true, executablePath };
}

/** Browser binaries to try, Chromium first: branded Chrome 137+ and Edge ignore --load-extension. */
export function browserCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const list: string[] = [];
  if (env.CHROME_PATH) list.push(env.CHROME_PATH);
  if (platform === 'darwin') {
    list.push(
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
  } else if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? '';
    const pf = env.PROGRAMFILES ?? 'C:\\Program Files';
    const pf86 = env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)';
    list.push(
      `${local}\\Chromium\\Application\\chrome.exe`,
      `${pf}\\Google\\Chrome\\Application\\chrome.exe`,
      `${pf86}\\Google\\Chrome\\Application\\chrome.exe`,
      `${local}\\Google\\Chrome\\Application\\chrome.exe`,
      `${pf86}\\Microsoft\\Edge\\Application\\msedge.exe`,
    );
  } else {
    list.push(
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/snap/bin/chromium',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/opt/google/chrome/chrome',
      '/usr/bin/microsoft-edge',
    );
  }
  return list;
}

export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  return browserCandidates(env, platform).find((p) => p !== '' && exists(p));
}

/** A Linux session without X11 or Wayland cannot show a browser window. */
export function hasDisplay(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Starts the portal on `first`, or the next free port. */
async function startOnFreePort(first: number, host: string): Promise<DemoPortal> {
  for (let port = first; port < first + 20; port++) {
    try {
      return await startDemoPortal({ port, host });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  return startDemoPortal({ port: 0, host });
}

declare const chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } };

/** Until the extension's background has registered its portal script (at most 15 s); false if it never did. */
async function portalScriptRegistered(context: BrowserContext): Promise<boolean> {
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    for (const started = Date.now(); Date.now() - started < 15_000;) {
      if ((await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)) > 0)
        return true;
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch {
    // a browser that closed or ignored the extension: the caller says what to click
  }
  return false;
}

/** What to do by hand: reach the portal (from this machine or another) and load DealerLens. */
export function manualSteps(opts: {
  reason: string;
  listUrl: string;
  host: string;
  port: number;
  allowedDir?: string;
  remote: string[];
}): string {
  const { reason, listUrl, host, port, allowedDir, remote } = opts;
  const reach = isLoopback(host)
    ? `从另一台电脑访问 / From another machine:
  演示系统只监听本机 ${host}。任选其一 / It listens on ${host} only. Either:
  a) 在另一台电脑上建立 SSH 隧道，然后在那台电脑打开上面的地址
     tunnel over SSH from that machine, then open the address above there:
       ssh -L ${port}:127.0.0.1:${port} 用户名@本机地址   (user@this-machine)
  b) 监听所有网卡后用本机 IP 访问（仅限可信网络）
     listen on every interface and use this machine's IP (trusted networks only):
       HOST=0.0.0.0 npm start`
    : `从另一台电脑访问 / From another machine:
${remote.map((u) => `  ${u}`).join('\n') || `  http://${host}:${port}${LIST_PATH}`}`;
  return `
${reason}
演示经销商系统已启动 / The demo portal is running:
  ${listUrl}

${reach}

手动加载 DealerLens / Load DealerLens by hand (Chrome / Edge / Chromium):
  1. 打开 chrome://extensions （Edge: edge://extensions）
     Open chrome://extensions (Edge: edge://extensions)
  2. 打开右上角「开发者模式」 / Turn on "Developer mode"
  3. 点击「加载已解压的扩展程序」，选择文件夹 / Click "Load unpacked" and choose:
     ${allowedDir ?? EXTENSION_DIR}${
       allowedDir
         ? `
     （这份副本已允许在 127.0.0.1 / localhost 上运行 / this copy is already allowed on 127.0.0.1 and localhost;
      另一台电脑上请先复制此文件夹，或用 npm run build 构建 / on another machine copy this folder, or build there）`
         : ''
     }
  4. 打开演示地址。若右下角没有蓝色「DealerLens 抓取客户」按钮：点击工具栏的 DealerLens 图标 →
     「在此系统上始终启用」并允许，按钮随即出现；或直接点「抓取本页客户」（Alt+Shift+D）。
     Open the demo address. No blue "DealerLens 抓取客户" button at the bottom right? Click the
     DealerLens toolbar icon -> "在此系统上始终启用 Always enable on this portal" and allow it, and the
     button appears; or click "抓取本页客户 Capture this page" (Alt+Shift+D).
  Firefox: about:debugging#/runtime/this-firefox -> 临时载入附加组件 Load Temporary Add-on
     -> .output/firefox-mv3/manifest.json (npm run build:firefox)

按 Ctrl+C 停止 / Press Ctrl+C to stop.`;
}

async function main(): Promise<void> {
  const host = bindHost();
  const portal = await startOnFreePort(Number(process.env.PORT) || DEFAULT_DEMO_PORT, host);
  const port = Number(new URL(portal.url).port);
  // The browser here opens the portal on the loopback address, whatever address it listens on.
  const listUrl = `http://127.0.0.1:${port}${LIST_PATH}`;
  let context: BrowserContext | undefined;

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止… / Stopping…');
    await context?.close().catch(() => undefined);
    await portal.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const built = existsSync(join(EXTENSION_DIR, 'manifest.json'));
  const allowedDir = built ? prepareExtension(EXTENSION_DIR, START_DIR) : undefined;
  const plan = planStart({ built, env: process.env, platform: process.platform, exists: existsSync });
  if (!plan.open) {
    console.log(manualSteps({ reason: plan.reason, listUrl, host, port, allowedDir, remote: remoteUrls(host, port) }));
    return;
  }
  const { executablePath } = plan;
  const extensionDir = allowedDir!;

  mkdirSync(PROFILE_DIR, { recursive: true });
  try {
    context = await chromium.launchPersistentContext(PROFILE_DIR, {
      executablePath,
      headless: false,
      viewport: null,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        // Chromium refuses to run as root with its sandbox on (containers, CI boxes).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    });
  } catch (err) {
    const reason = `浏览器启动失败 / The browser failed to start (${executablePath}): ${(err as Error).message.split('\n')[0]}`;
    console.log(manualSteps({ reason, listUrl, host, port, allowedDir, remote: remoteUrls(host, port) }));
    return;
  }

  // The button shows once the background has registered the portal script for the allowed origins.
  const ready = await portalScriptRegistered(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(listUrl).catch(() => undefined);
  if (!ready)
    console.log(
      '提示：DealerLens 尚未在演示系统上启用；请点击工具栏图标 →「在此系统上始终启用」。\nNote: DealerLens is not enabled on the portal yet; click the toolbar icon -> "Always enable on this portal".',
    );
  console.log(`
DealerLens 已在浏览器中加载 / DealerLens is loaded in ${executablePath}
演示经销商系统 / Demo portal: ${listUrl}${remoteUrls(host, port)
    .map((u) => `\n  其他电脑 / from other machines: ${u}`)
    .join('')}
  其他页面 / other pages: ${portal.url}/frames/index.html  ${portal.url}/iframe/index.html  ${portal.url}/modern/list  ${portal.url}/cards/list
DealerLens 已允许在演示系统上运行：右下角蓝色「DealerLens 抓取客户」按钮即可抓取。
DealerLens is allowed on the demo portal: click the blue "DealerLens 抓取客户" button at the bottom right.
浏览器数据保存在 / Browser profile (captures persist): ${PROFILE_DIR}
按 Ctrl+C 停止 / Press Ctrl+C to stop.`);
  if (/chrome|edge/i.test(executablePath) && !/chromium/i.test(executablePath)) {
    console.log(
      '提示：新版 Chrome/Edge 可能忽略 --load-extension；如未看到 DealerLens 图标，请按上面的手动步骤加载。\nNote: recent Chrome/Edge builds ignore --load-extension; if DealerLens is missing, load it by hand.',
    );
  }
  context.on('close', () => {
    context = undefined;
    if (!stopping)
      console.log(
        '浏览器已关闭，演示系统仍在运行，按 Ctrl+C 停止。 / Browser closed; the portal keeps serving until Ctrl+C.',
      );
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error('启动失败 / Start failed:', err);
    process.exit(1);
  });
}
