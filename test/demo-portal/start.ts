// `npm start` (after `wxt build`): serve the demo portal and open Chromium
// with DealerLens loaded on its customer list, a new user's first try
// (issue #2). Without a display or a browser it still serves the portal and
// says, in Chinese and English, how to load the extension by hand.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { DEFAULT_DEMO_PORT, startDemoPortal, type DemoPortal } from './server.ts';
import { LIST_PATH } from './render.ts';

export const EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
export const PROFILE_DIR = fileURLToPath(new URL('../../.tmp/chromium-profile', import.meta.url));

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
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Starts the portal on `first`, or the next free port. */
async function startOnFreePort(first: number): Promise<DemoPortal> {
  for (let port = first; port < first + 20; port++) {
    try {
      return await startDemoPortal({ port });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  return startDemoPortal({ port: 0 });
}

function printManualSteps(listUrl: string, reason: string): void {
  console.log(`
${reason}
演示经销商系统已启动 / The demo portal is running:
  ${listUrl}

手动加载 DealerLens / Load DealerLens by hand:
  1. 在 Chrome / Edge 打开 chrome://extensions （Edge: edge://extensions）
     Open chrome://extensions (Edge: edge://extensions)
  2. 打开右上角「开发者模式」 / Turn on "Developer mode"
  3. 点击「加载已解压的扩展程序」，选择文件夹 / Click "Load unpacked" and choose:
     ${EXTENSION_DIR}
  4. 打开上面的演示地址，点击工具栏里的 DealerLens 图标抓取客户
     Open the demo URL above and click the DealerLens toolbar icon to capture.
  Firefox: about:debugging#/runtime/this-firefox -> 临时载入附加组件 Load Temporary Add-on
     -> .output/firefox-mv3/manifest.json (npm run build:firefox)

按 Ctrl+C 停止 / Press Ctrl+C to stop.`);
}

async function main(): Promise<void> {
  const portal = await startOnFreePort(Number(process.env.PORT) || DEFAULT_DEMO_PORT);
  const listUrl = `${portal.url}${LIST_PATH}`;
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

  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    printManualSteps(listUrl, `未找到构建好的扩展，请先运行 npm run build / No built extension at ${EXTENSION_DIR}; run npm run build first.`);
    return;
  }
  if (!hasDisplay()) {
    printManualSteps(listUrl, '没有图形界面（未设置 DISPLAY / WAYLAND_DISPLAY），无法打开浏览器。 / No display (DISPLAY / WAYLAND_DISPLAY unset): not opening a browser.');
    return;
  }
  const executablePath = findBrowser();
  if (!executablePath) {
    printManualSteps(listUrl, '未找到 Chromium 或 Chrome，可用 CHROME_PATH 指定浏览器路径。 / No Chromium or Chrome found; set CHROME_PATH to your browser.');
    return;
  }

  mkdirSync(PROFILE_DIR, { recursive: true });
  try {
    context = await chromium.launchPersistentContext(PROFILE_DIR, {
      executablePath,
      headless: false,
      viewport: null,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
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
    printManualSteps(listUrl, `浏览器启动失败 / The browser failed to start (${executablePath}): ${(err as Error).message.split('\n')[0]}`);
    return;
  }

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(listUrl).catch(() => undefined);
  console.log(`
DealerLens 已在浏览器中加载 / DealerLens is loaded in ${executablePath}
演示经销商系统 / Demo portal: ${listUrl}
  其他页面 / other pages: ${portal.url}/frames/index.html  ${portal.url}/iframe/index.html  ${portal.url}/modern/list  ${portal.url}/cards/list
浏览器数据保存在 / Browser profile (captures persist): ${PROFILE_DIR}
按 Ctrl+C 停止 / Press Ctrl+C to stop.`);
  if (/chrome|edge/i.test(executablePath) && !/chromium/i.test(executablePath)) {
    console.log('提示：新版 Chrome/Edge 可能忽略 --load-extension；如未看到 DealerLens 图标，请按上面的手动步骤加载。\nNote: recent Chrome/Edge builds ignore --load-extension; if DealerLens is missing, load it by hand.');
  }
  context.on('close', () => {
    context = undefined;
    if (!stopping) console.log('浏览器已关闭，演示系统仍在运行，按 Ctrl+C 停止。 / Browser closed; the portal keeps serving until Ctrl+C.');
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error('启动失败 / Start failed:', err);
    process.exit(1);
  });
}
