import { defineConfig } from 'wxt';

// Permissions (docs/architecture.md#the-extension-parts): activeTab + scripting for one-off captures;
// a portal is "always enabled" only through optional host permissions the
// user grants at that moment (no <all_urls> at install).
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'DealerLens 经销商客户分级助手',
    description:
      '把经销商系统里的客户表格抓取到本地，按行业标准分级并提醒跟进 / Capture, grade and follow up dealer portal customers',
    default_locale: undefined,
    // Notifications for the morning reminder; sidePanel for the due
    // list (Chromium only: Firefox shows entrypoints/sidepanel as a sidebar).
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      'capture-page': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '抓取本页客户 / Capture customers on this page',
      },
    },
    // The in-page panel frames these two pages. Chromium serves them only at
    // a per-session URL (use_dynamic_url), so no site can probe for DealerLens
    // or frame them by a guessed address; Firefox's extension URLs are random
    // per install already. A framed page renders only inside a portal the user
    // enabled or ran DealerLens on (docs/architecture.md#hostile-pages).
    web_accessible_resources: [
      {
        resources: ['capture.html', 'workbench.html'],
        matches: ['http://*/*', 'https://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Required of new add-ons on addons.mozilla.org: DealerLens sends nothing anywhere (README, privacy).
            gecko: {
              id: 'dealerlens@dealerlens.local',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
