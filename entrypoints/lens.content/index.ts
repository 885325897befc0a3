import { hostOf } from '@/components/capture-panel/host';
import { startOverlay } from './overlay';
import { startFollow } from './follow';

// The grades on the portal's own rows and following the portal: registered
// after the portal script, for the portals the user enabled only, so a
// one-off capture elsewhere never loads them and neither script outgrows the
// content script's budget (docs/architecture.md#the-extension-parts).
export default defineContentScript({
  registration: 'runtime',
  main() {
    const flag = '__dealerlensLens';
    const scope = globalThis as unknown as Record<string, boolean | undefined>;
    const host = hostOf(globalThis);
    if (!host || scope[flag]) return;
    scope[flag] = true;
    void host.then((portal) => {
      // The rows the user pages through, captured as they appear, where the user turned it on.
      void startFollow(portal).catch(() => undefined);
      void portal.crawlChecked.then(() => startOverlay(portal)).catch(() => undefined);
    });
  },
});
