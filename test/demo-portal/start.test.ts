import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIST_PATH } from './render.ts';
import {
  PORTAL_GRANTS,
  bindHost,
  browserCandidates,
  findBrowser,
  hasDisplay,
  manualSteps,
  planStart,
  prepareExtension,
  remoteUrls,
} from './start.ts';

describe('npm start picks a browser and knows when it cannot show one', () => {
  it('prefers CHROME_PATH, then Chromium, before branded Chrome', () => {
    const list = browserCandidates({ CHROME_PATH: '/opt/my/chrome' }, 'linux');
    expect(list[0]).toBe('/opt/my/chrome');
    expect(list.indexOf('/usr/bin/chromium')).toBeLessThan(list.indexOf('/usr/bin/google-chrome'));
  });

  it('finds the first browser that exists', () => {
    const found = findBrowser({}, 'linux', (p) => p === '/usr/bin/google-chrome' || p === '/usr/bin/chromium-browser');
    expect(found).toBe('/usr/bin/chromium-browser');
    expect(findBrowser({}, 'linux', () => false)).toBeUndefined();
  });

  it('has no display on Linux without DISPLAY or WAYLAND_DISPLAY', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});

describe('npm start opens the demo portal with DealerLens already allowed there', () => {
  it('loads a copy of the build that holds the portal origins as granted host permissions', () => {
    const work = mkdtempSync(join(tmpdir(), 'dealerlens-start-'));
    try {
      const build = join(work, 'build');
      mkdirSync(build);
      writeFileSync(
        join(build, 'manifest.json'),
        JSON.stringify({ name: 'DealerLens', optional_host_permissions: ['*://*/*'] }),
      );
      writeFileSync(join(build, 'background.js'), '//');
      const copy = prepareExtension(build, join(work, 'start'));
      const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { host_permissions: string[] };
      expect(manifest.host_permissions).toEqual(PORTAL_GRANTS);
      expect(PORTAL_GRANTS).toContain('http://127.0.0.1/*');
      expect(existsSync(join(copy, 'background.js'))).toBe(true);
      // A second start replaces the copy: a file gone from the build is gone from it.
      rmSync(join(build, 'background.js'));
      expect(prepareExtension(build, join(work, 'start'))).toBe(copy);
      expect(existsSync(join(copy, 'background.js'))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('opens a browser only with a build, a display and a browser; otherwise says which is missing', () => {
    const linux = { platform: 'linux' as const, exists: (p: string) => p === '/usr/bin/chromium' };
    expect(planStart({ built: true, env: { DISPLAY: ':0' }, ...linux })).toEqual({
      open: true,
      executablePath: '/usr/bin/chromium',
    });
    expect(planStart({ built: false, env: { DISPLAY: ':0' }, ...linux })).toMatchObject({
      open: false,
      reason: expect.stringContaining('npm run build'),
    });
    expect(planStart({ built: true, env: {}, ...linux })).toMatchObject({
      open: false,
      reason: expect.stringContaining('No display'),
    });
    expect(planStart({ built: true, env: { DISPLAY: ':0' }, platform: 'linux', exists: () => false })).toMatchObject({
      open: false,
      reason: expect.stringContaining('CHROME_PATH'),
    });
  });

  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(bindHost({})).toBe('127.0.0.1');
    expect(bindHost({ HOST: ' ' })).toBe('127.0.0.1');
    expect(bindHost({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
  });

  it('without a display, says how to reach the portal from another machine and what to click first', () => {
    const text = manualSteps({
      reason: 'No display',
      listUrl: 'http://127.0.0.1:5780/crm/list',
      host: '127.0.0.1',
      port: 5780,
      allowedDir: '/repo/.tmp/start/extension',
      remote: [],
    });
    expect(text).toContain('ssh -L 5780:127.0.0.1:5780');
    expect(text).toContain('HOST=0.0.0.0 npm start');
    expect(text).toContain('/repo/.tmp/start/extension');
    expect(text).toContain('在此系统上始终启用');
    expect(text).toContain('chrome://extensions');
  });

  it('listening on every interface, it names the addresses other machines use', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
    } as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>;
    const urls = remoteUrls('0.0.0.0', 5780, interfaces);
    expect(urls).toEqual([`http://192.168.1.20:5780${LIST_PATH}`]);
    expect(remoteUrls('127.0.0.1', 5780, interfaces)).toEqual([]);
    const text = manualSteps({
      reason: 'No display',
      listUrl: 'http://127.0.0.1:5780/x',
      host: '0.0.0.0',
      port: 5780,
      remote: urls,
    });
    expect(text).toContain(`http://192.168.1.20:5780${LIST_PATH}`);
    expect(text).not.toContain('ssh -L');
  });
});
