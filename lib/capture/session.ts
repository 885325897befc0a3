// The capture flow between scraping and storing: a scraped table is staged,
// mapped (by a saved site profile, or suggested and confirmed by the user),
// checked, and committed as one batch. Pure: the database and clock come in.
import {
  headerSignature,
  mappingFromProfile,
  matchProfile,
  pathPatternFor,
  recordSource,
  suggestMapping,
} from '../mapping';
import { localDateTimeOf } from '../calendar';
import type { ColumnMapping, SiteProfile } from '../mapping';
import { captureGrader, commitCapture, listProfiles, saveProfile } from '../db';
import type { CaptureBatch, DealerLensDB } from '../db';
import type { CapturePreview, StagedTable, UserLetters, UserMapping } from './types';
import { withoutInvisible } from './invisible';

/** Staged tables wait for the user; a forgotten one should not hold memory forever. */
const MAX_STAGED = 8;

/**
 * The widest table a capture stages, as for a file import (`MAX_COLUMNS` in
 * lib/sheets/read.ts): no customer list is wider, and the mapping preview of
 * a 10,000-column table freezes its frame (docs/architecture.md#hostile-pages).
 */
export const MAX_CAPTURE_COLUMNS = 1_000;

export class CaptureSessions {
  private readonly staged = new Map<
    string,
    { table: StagedTable; mapping: ColumnMapping[]; profile: SiteProfile | undefined }
  >();

  constructor(
    private readonly db: DealerLensDB,
    private readonly now: () => Date,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  async stage(given: StagedTable): Promise<{ id: string; profileMatched: boolean }> {
    if (given.headers.length === 0) throw new Error('这个表格没有表头 / this table has no header row');
    if (given.rows.length === 0) throw new Error('这个表格没有数据行 / this table has no data rows');
    if (given.headers.length > MAX_CAPTURE_COLUMNS || given.rows.some((r) => r.length > MAX_CAPTURE_COLUMNS))
      throw new Error(
        `这个表格超过 ${MAX_CAPTURE_COLUMNS} 列，不像客户列表，未抓取 / this table has more than ${MAX_CAPTURE_COLUMNS} columns, which is not a customer list: nothing was captured`,
      );
    // The day the page or file was read: relative dates (昨天, 3天前) and dates without a year count from it.
    const dated: StagedTable = given.capturedAt ? given : { ...given, capturedAt: localDateTimeOf(this.now()) };
    // Invisible characters go before anything reads the table: headers match, values parse, names display as written.
    const { table } = withoutInvisible(dated);
    const ctx = { capturedAt: table.capturedAt };
    const profile = matchProfile(await listProfiles(this.db), table.pageUrl, table.headers);
    const mapping = profile
      ? mappingFromProfile(profile, table.headers, table.rows, ctx)
      : suggestMapping(table.headers, table.rows, ctx);
    const id = this.newId();
    this.staged.set(id, { table, mapping, profile });
    while (this.staged.size > MAX_STAGED) this.staged.delete(this.staged.keys().next().value!);
    return { id, profileMatched: profile !== undefined };
  }

  /**
   * Stages `table`, and commits it at once when a saved site profile matches
   * it. `skipUnchanged`: a table that changes no customer stores no batch
   * (lib/db commitCapture); following the portal sends its pages so.
   */
  async run(
    table: StagedTable,
    options: { skipUnchanged?: boolean } = {},
  ): Promise<{ id: string; profileMatched: boolean; batch?: CaptureBatch }> {
    const staged = await this.stage(table);
    if (!staged.profileMatched) return staged;
    return { ...staged, batch: await this.commit(staged.id, undefined, false, undefined, options) };
  }

  preview(id: string): CapturePreview | null {
    const entry = this.staged.get(id);
    if (!entry) return null;
    return {
      id,
      table: entry.table,
      mapping: entry.mapping,
      profile: entry.profile
        ? {
            id: entry.profile.id,
            name: entry.profile.name,
            ...(entry.profile.letters && { letters: entry.profile.letters }),
          }
        : null,
    };
  }

  /** `letters`: what the portal's grade letters mean, as the user said; the matched profile's when not given. */
  async commit(
    id: string,
    mapping: UserMapping | undefined,
    keepProfile: boolean,
    letters?: UserLetters,
    options: { skipUnchanged?: boolean } = {},
  ): Promise<CaptureBatch> {
    const entry = this.require(id);
    const finalMapping = mapping ? withUser(entry.mapping, mapping) : entry.mapping;
    const finalLetters = letters ?? entry.profile?.letters;
    const { table } = entry;
    const at = this.now();
    let profileId = entry.profile?.id;
    if (keepProfile) {
      const profile = profileFor(table, finalMapping, finalLetters, entry.profile, at, this.newId);
      await saveProfile(this.db, profile);
      profileId = profile.id;
    }
    // Grades land with the customers, in the capture's transaction (docs/grading.md#g06-when-grades-are-worked-out: recomputed on capture).
    const prepare = await captureGrader(this.db, at);
    // A file import stages its table with a file: URL (lib/sheets toStagedTable): its batch says it came from a file.
    const source = table.pageUrl.startsWith('file:') ? 'file' : 'page';
    // Mapped inside the commit, a step at a time, while IndexedDB writes the steps before.
    const records = recordSource(
      table.headers,
      table.rows,
      finalMapping,
      table.rowLinks,
      { capturedAt: table.capturedAt },
      finalLetters,
    );
    const batch = await commitCapture(this.db, {
      records,
      source,
      pageUrl: table.pageUrl,
      profileId,
      now: at,
      prepare,
      ...(table.refused?.length && { refused: table.refused }),
      ...(table.invisibleCells && { invisibleCells: table.invisibleCells }),
      ...(options.skipUnchanged && { skipUnchanged: true }),
    });
    this.staged.delete(id);
    return batch;
  }

  private require(id: string) {
    const entry = this.staged.get(id);
    if (!entry) throw new Error('这次抓取已过期，请重新抓取 / this capture has expired, please capture again');
    return entry;
  }
}

export function withUser(mapping: ColumnMapping[], user: UserMapping): ColumnMapping[] {
  const byIndex = new Map(user.map((u) => [u.index, u.field]));
  return mapping.map((m) =>
    byIndex.has(m.index) && byIndex.get(m.index) !== m.field
      ? { ...m, field: byIndex.get(m.index) ?? null, via: 'user' as const, confidence: 1 }
      : m,
  );
}

function profileFor(
  table: StagedTable,
  mapping: ColumnMapping[],
  letters: UserLetters | undefined,
  existing: SiteProfile | undefined,
  at: Date,
  newId: () => string,
): SiteProfile {
  const url = new URL(table.pageUrl);
  return {
    id: existing?.id ?? newId(),
    name: existing?.name ?? `${table.pageTitle || url.hostname} ${pathPatternFor(table.pageUrl)}`,
    origin: url.origin,
    pathPattern: pathPatternFor(table.pageUrl),
    headerSignature: headerSignature(table.headers),
    mapping: mapping.map((m) => ({ header: m.header, field: m.field })),
    ...(letters && Object.keys(letters).length > 0 && { letters: { ...letters } }),
    // A next-page control the user taught stays with the list when its mapping is confirmed again.
    ...(existing?.nextControl && { nextControl: existing.nextControl }),
    createdAt: existing?.createdAt ?? at.toISOString(),
    updatedAt: at.toISOString(),
  };
}
