import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser, hasDisplay } from './start.ts';

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
