/** @vitest-environment happy-dom */
// How the overlay finds the portal's list: by its site profile first (the
// profile knows the list's headers), the judge only where no profile maps the
// page's best table.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findTables } from '../../lib/scrape';
import { looksLikeCustomerList } from '../../lib/capture/judge';
import { PortalOverlay, type OverlayDeps } from '../../components/portal-overlay/PortalOverlay';

const HEADERS = ['客户姓名', '手机号码', '意向级别'];
const rows = Array.from(
  { length: 8 },
  (_, i) => `<tr><td>客户${i}</td><td>1381234${String(1000 + i)}</td><td>H</td></tr>`,
).join('');
const PAGE = `<table id="list"><thead><tr>${HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;

function depsWith(profiled: boolean) {
  const deps = {
    findTables: (root?: Element, options?: { sampleRows?: number }) => findTables(root ?? document, options),
    isCustomerList: vi.fn(looksLikeCustomerList),
    plan: vi.fn(async (headers: string[]) =>
      profiled && headers.join() === HEADERS.join() ? { columns: { phone: [1], vin: [], portalId: [] } } : null,
    ),
    lookup: vi.fn(async (keys: unknown[]) => keys.map(() => null)),
    now: () => new Date(2026, 11, 7),
    openCustomer: () => undefined,
    openWorkbench: () => undefined,
    capture: () => undefined,
  } satisfies OverlayDeps;
  return deps;
}

describe('PortalOverlay finding the list', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it("takes the best table its site profile maps as the list, without the judge's reading of its columns", async () => {
    document.body.innerHTML = PAGE;
    const deps = depsWith(true);
    await new PortalOverlay(document, deps).refresh();
    expect(deps.plan).toHaveBeenCalledTimes(1);
    expect(deps.isCustomerList).not.toHaveBeenCalled();
    expect(deps.lookup.mock.calls[0]![0]).toHaveLength(8);
  });

  it('asks the judge where no profile maps the best table, and shows nothing without a profile', async () => {
    document.body.innerHTML = PAGE;
    const deps = depsWith(false);
    await new PortalOverlay(document, deps).refresh();
    expect(deps.isCustomerList).toHaveBeenCalled();
    expect(deps.plan).toHaveBeenCalledTimes(1);
    expect(deps.lookup).not.toHaveBeenCalled();
  });
});
