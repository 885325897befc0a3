// What the portal script hands the lens script (the grades on the portal's
// rows and following the portal), which runs after it in the same frame on
// portals the user enabled only (docs/architecture.md#the-extension-parts).
// Both run in the extension's isolated world: the portal's scripts never see
// this. The lens borrows the portal script's table reader rather than
// carrying a second copy of it.
import type { TableCandidate } from '@/lib/scrape';
import type { CapturePanel } from './CapturePanel';

export interface PortalHost {
  panel: CapturePanel;
  findTables(root?: Element, options?: { sampleRows?: number }): TableCandidate[];
  isCustomerList(table: TableCandidate): boolean;
  /** Settles once a whole-list crawl going on in this tab has been picked up (or none runs). */
  crawlChecked: Promise<void>;
}

const KEY = '__dealerlensHost';
type Scope = Record<typeof KEY, Promise<PortalHost> | undefined>;

/** The portal script: offers its host, once it is built (a frameset builds it after its frames load). */
export function offerHost(scope: object): (host: PortalHost) => void {
  let give!: (host: PortalHost) => void;
  (scope as Scope)[KEY] = new Promise<PortalHost>((resolve) => (give = resolve));
  return give;
}

/** The lens script: the portal script's host, or null where none ran before it in this frame. */
export function hostOf(scope: object): Promise<PortalHost> | null {
  return (scope as Scope)[KEY] ?? null;
}
