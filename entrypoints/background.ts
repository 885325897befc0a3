import {
  openDatabase,
  countCustomers,
  lastBatch,
  undoBatch,
  writeErrorText,
  activeRuleSet,
  applyRuleSet,
  previewRegrade,
  refoldFollowUpSummaries,
  regradeAll,
  regradeIfStale,
  countDue,
  logFollowUp,
  Reminders,
} from '@/lib/db';
import { CaptureSessions, packTable, reportOf, unpackTable, capturedSince } from '@/lib/capture';
import {
  serve,
  checkFrame,
  rememberInvokedTab,
  StorageCrawlStore,
  crawlService,
  overlayService,
  followService,
  forgetFollowTallies,
  taughtService,
  markCustomersChanged,
  listenAlarms,
  onNotificationClicked,
  openWorkbench,
  setAlarm,
  setBadgeText,
  showNotification,
  isPortalEnabled,
  onCaptureShortcut,
  onPortalPermissionsChanged,
  reportFailure,
  startCapture,
  syncPortalRegistrations,
} from '@/lib/extension';
import { CrawlSessions } from '@/lib/crawl';
import { Dexie } from 'dexie';
import { badgeText } from '@/lib/followup';
import { localDateOf, nextLocalMidnight, startOfLocalDay } from '@/lib/calendar';

const MIDNIGHT_ALARM = 'dealerlens:midnight-regrade';
const MORNING_ALARM = 'dealerlens:morning-reminder';
const MORNING_NOTIFICATION = 'dealerlens:morning';

export default defineBackground(() => {
  const db = openDatabase();
  const sessions = new CaptureSessions(db, () => new Date());
  // A whole-list crawl keeps its pages in storage (lib/extension/crawl) and commits through the capture sessions.
  const crawls = new CrawlSessions(new StorageCrawlStore(), sessions, () => new Date());
  const reminders = new Reminders(db, {
    showCount: (count) => setBadgeText(badgeText(count)),
    setMorningAlarm: (when) => setAlarm(MORNING_ALARM, when),
    notify: (notice) => showNotification(MORNING_NOTIFICATION, notice),
  });

  serve(
    {
      'capture:stage': (table) => sessions.stage(unpackTable(table)),
      'capture:run': async ({ skipUnchanged, ...table }) => {
        const { batch, ...staged } = await sessions.run(unpackTable(table), {
          skipUnchanged: skipUnchanged === true,
        });
        return batch ? { ...staged, batch: reportOf(batch) } : staged;
      },
      'capture:preview': async ({ id }) => {
        const preview = sessions.preview(id);
        return preview && { ...preview, table: packTable(preview.table) };
      },
      'capture:commit': async ({ id, mapping, saveProfile, letters }) =>
        reportOf(await sessions.commit(id, mapping, saveProfile, letters)),
      'capture:undo': ({ batchId }) => undoBatch(db, batchId, new Date()),
      'capture:start': async ({ tabId }) => {
        await rememberInvokedTab(tabId);
        return startCapture(tabId);
      },
      'status:get': async ({ origin }) => ({
        customers: await countCustomers(db),
        capturedToday: await capturedSince(db, startOfLocalDay(new Date())),
        lastBatch: await lastBatch(db).then((b) => (b ? reportOf(b) : null)),
        portalEnabled: origin ? await isPortalEnabled(origin) : null,
      }),
      ping: async () => true,
      'frame:check': ({ ancestors }, sender) =>
        sender.kind === 'page'
          ? checkFrame(sender.tabId, sender.tabUrl, ancestors)
          : Promise.resolve({ allowed: false, origin: null }),
      'portal:enable': async ({ origin }) => {
        await syncPortalRegistrations();
        return { ok: await isPortalEnabled(origin) };
      },
      ...crawlService(crawls),
      ...overlayService(db),
      ...followService(db),
      ...taughtService(db),
      'reminders:counts': () => countDue(db, localDateOf(new Date())),
      'reminders:refresh': async ({ dueDelta }) => {
        void markCustomersChanged(Date.now()).catch(reportFailure('marking customers changed'));
        if (dueDelta !== undefined) {
          // The page knows how its change moved today's count: show it now, confirm by a full count later.
          scheduleRecount();
          return { due: await reminders.adjust(dueDelta, new Date()) };
        }
        await reminders.schedule(new Date());
        return { due: await reminders.refresh(new Date()) };
      },
    },
    writeErrorText,
  );

  onCaptureShortcut(
    (tabId) =>
      void rememberInvokedTab(tabId)
        .then(() => startCapture(tabId))
        .catch(reportFailure('capture by shortcut')),
  );
  const syncPortals = () => void syncPortalRegistrations().catch(reportFailure('registering the portal script'));
  onPortalPermissionsChanged(syncPortals);
  forgetFollowTallies();
  syncPortals();

  // docs/grading.md#g06-when-grades-are-worked-out: grades are recomputed at local midnight, so "due today" is right
  // every morning. An alarm at the next local midnight, set again each time it
  // fires (the zone or the clock may have changed); and at start-up, when the
  // browser was closed over midnight. regradeIfStale does nothing on a day the
  // store was already graded, so an early or repeated alarm costs one read.
  const scheduleMidnight = () =>
    setAlarm(MIDNIGHT_ALARM, nextLocalMidnight(new Date())).catch(reportFailure('midnight alarm'));
  const regradeNow = () => regradeIfStale(db, new Date()).catch(reportFailure('re-grading'));

  // docs/workbench.md#reminders reminders: the badge counts follow-ups due today (overdue
  // included). Recounted after the midnight re-grade, after every write to
  // customers in any extension context (Dexie's storagemutated, across pages
  // by BroadcastChannel while this worker is awake; pages also send
  // 'reminders:refresh', which wakes it), and at start.
  const recountBadge = () => reminders.refresh(new Date()).catch(reportFailure('badge count'));
  const scheduleMorning = () => reminders.schedule(new Date()).catch(reportFailure('morning alarm'));

  listenAlarms({
    [MIDNIGHT_ALARM]: () =>
      void regradeNow()
        .then(recountBadge)
        .finally(() => void scheduleMidnight()),
    // The morning notification, then the next morning's alarm.
    [MORNING_ALARM]: () =>
      void reminders
        .morning(new Date())
        .catch(reportFailure('morning reminder'))
        .finally(() => void scheduleMorning()),
  });
  onNotificationClicked(
    MORNING_NOTIFICATION,
    () => void openWorkbench('today').catch(reportFailure('opening the workbench')),
  );

  void scheduleMidnight();
  // Summaries folded by an older DealerLens lack what grading now reads (every contact's day): once, before the day's grading.
  void refoldFollowUpSummaries(db, new Date())
    .catch(reportFailure('refolding follow-ups'))
    .finally(() => void regradeNow());

  // A full count walks the due index (~1 s at 50,000 due): once writes settle,
  // not on each of them.
  let recountTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleRecount(): void {
    clearTimeout(recountTimer);
    recountTimer = setTimeout(() => void recountBadge(), 1000);
  }
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    if (!Object.keys(parts).some((part) => part.includes('/customers/'))) return;
    scheduleRecount();
    // The portal overlay's badges follow (lib/extension/overlay-setting).
    void markCustomersChanged(Date.now()).catch(reportFailure('marking customers changed'));
  });
  void scheduleMorning();
  void recountBadge();

  // Reachable only from the extension's own service worker console (and the
  // browser tests/benchmarks that drive it): never from a web page.
  Object.assign(globalThis, { dealerlens: { db, sessions, crawls } });
  // The grading entry points, for the browser tests and the re-grade benchmark (docs/architecture.md#testing).
  Object.assign((globalThis as unknown as { dealerlens: object }).dealerlens, {
    grading: { applyRuleSet, previewRegrade, regradeAll, regradeNow, activeRuleSet },
  });
  // The reminder entry points, for the browser tests (docs/architecture.md#testing).
  Object.assign((globalThis as unknown as { dealerlens: object }).dealerlens, {
    reminders: { recountBadge, adjustBadge: (delta: number) => reminders.adjust(delta, new Date()) },
    followUps: { logFollowUp },
  });
});
