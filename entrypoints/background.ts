import { openDatabase, countCustomers, lastBatch, undoBatch } from '@/lib/db';
import { CaptureSessions } from '@/lib/capture/session';
import { capturedSince, startOfLocalDay } from '@/lib/capture/stats';
import { serve } from '@/lib/extension/messages';
import {
  isPortalEnabled,
  onCaptureShortcut,
  onPortalPermissionsChanged,
  startCapture,
  syncPortalRegistrations,
} from '@/lib/extension/portal';

export default defineBackground(() => {
  const db = openDatabase();
  const sessions = new CaptureSessions(db, () => new Date());

  serve({
    'capture:stage': (table) => sessions.stage(table),
    'capture:preview': async ({ id }) => sessions.preview(id),
    'capture:commit': ({ id, mapping, saveProfile }) => sessions.commit(id, mapping, saveProfile),
    'capture:undo': ({ batchId }) => undoBatch(db, batchId, new Date()),
    'capture:start': ({ tabId }) => startCapture(tabId),
    'status:get': async ({ origin }) => ({
      customers: await countCustomers(db),
      capturedToday: await capturedSince(db, startOfLocalDay(new Date())),
      lastBatch: (await lastBatch(db)) ?? null,
      portalEnabled: origin ? await isPortalEnabled(origin) : null,
    }),
    ping: async () => true,
    'portal:enable': async ({ origin }) => {
      await syncPortalRegistrations();
      return { ok: await isPortalEnabled(origin) };
    },
  });

  onCaptureShortcut((tabId) => void startCapture(tabId));
  onPortalPermissionsChanged(() => void syncPortalRegistrations());
  void syncPortalRegistrations();

  // Reachable only from the extension's own service worker console (and the
  // browser tests/benchmarks that drive it): never from a web page.
  Object.assign(globalThis, { dealerlens: { db, sessions } });
});
