// The architecture is kept by `npm run lint` (docs/architecture.md#the-floors):
// each rule is shown failing on a throwaway upward import, index bypass and
// cycle, and passing on the allowed form next to it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../lib/db';

const ROOT = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

/** The rule ids `npm run lint` reports for `code` placed at `file` (repo-relative). */
async function errors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

// The first lint loads the TypeScript parser: seconds on a busy machine, not a test's own time.
beforeAll(() => eslint.lintText('', { filePath: join(ROOT, 'lib/db/probe.ts') }), 60_000);

describe('floors: a lib folder imports only lower floors', () => {
  it.each([
    ['lib/sheets/probe.ts', '../db'],
    ['lib/sheets/probe.ts', '@/lib/capture'],
    ['lib/mapping/probe.ts', '../grading'],
    ['lib/scrape/probe.ts', '../mapping'],
    ['lib/grading/probe.ts', '../analytics'],
    ['lib/db/probe.ts', '../views'],
    ['lib/capture/probe.ts', '../crawl'],
    ['lib/crawl/probe.ts', '../extension'],
    ['lib/customer.ts', './grading'],
    ['lib/settings/probe.ts', '../db'],
    ['lib/settings/probe.ts', '../mapping'],
  ])('%s importing %s fails', async (file, spec) => {
    const found = await errors(file, `import { x } from '${spec}';\nexport const y = x;\n`);
    expect(found.join('\n')).toMatch(/no-restricted-imports: .*floor/);
  });

  it.each([
    ['lib/sheets/probe.ts', '../grading'],
    ['lib/db/probe.ts', '../sheets'],
    ['lib/extension/probe.ts', '../db'],
    ['lib/crawl/probe.ts', '../capture'],
    ['lib/grading/probe.ts', '../customer'],
    ['lib/settings/probe.ts', '../i18n'],
    ['lib/db/probe.ts', '../settings'],
  ])('%s importing %s passes', async (file, spec) => {
    expect(await errors(file, `import { x } from '${spec}';\nexport const y = x;\n`)).toEqual([]);
  });

  it('lib never imports components or entrypoints; components never import entrypoints', async () => {
    const code = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;
    expect(await errors('lib/views/probe.ts', code('@/components/audit/Audit'))).not.toEqual([]);
    expect(await errors('lib/extension/probe.ts', code('../../entrypoints/background'))).not.toEqual([]);
    expect(await errors('components/audit/probe.ts', code('@/entrypoints/background'))).not.toEqual([]);
    expect(await errors('components/capture-panel/probe.ts', code('@/entrypoints/background'))).not.toEqual([]);
  });
});

describe('indexes: another lib folder is imported through its index', () => {
  const code = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

  it.each([
    ['lib/sheets/probe.ts', '../grading/facts'],
    ['lib/extension/probe.ts', '../capture/session'],
    ['lib/extension/messages.ts', '../capture/session'],
    ['components/audit/probe.ts', '@/lib/views/mask'],
    ['components/audit/probe.ts', '@/lib/extension/badge'],
    ['entrypoints/background.ts', '@/lib/capture/session'],
    ['components/audit/probe.ts', '../../lib/db/database'],
    ['components/capture-panel/probe.ts', '@/lib/db/database'],
    ['entrypoints/portal.content/probe.ts', '@/lib/grading/facts'],
    ['lib/db/probe.ts', '../sheets/read'],
  ])('%s importing %s fails', async (file, spec) => {
    expect((await errors(file, code(spec))).join('\n')).toMatch(/no-restricted-imports: .*index/);
  });

  it.each([
    ['lib/sheets/probe.ts', '../grading'],
    ['lib/grading/probe.ts', './facts'],
    ['components/audit/probe.ts', '@/lib/views'],
    // The content script keeps Dexie out of its bundle: leaf modules of the folders whose index reaches the database.
    ['components/capture-panel/probe.ts', '@/lib/capture/wire'],
    ['entrypoints/portal.content/probe.ts', '@/lib/extension/messages'],
    ['components/capture-panel/probe.ts', '@/lib/crawl/pager'],
    ['lib/extension/messages.ts', '../capture/wire'],
    // The database takes the backup format without the sheets index, which reaches SheetJS.
    ['lib/db/backup.ts', '../sheets/backup'],
  ])('%s importing %s passes', async (file, spec) => {
    expect(await errors(file, code(spec))).toEqual([]);
  });
});

describe('no import cycles', () => {
  const dir = `test/lint-probe-${process.pid}`;
  const write = (name: string, text: string) => writeFileSync(join(ROOT, dir, name), text);

  beforeAll(() => {
    mkdirSync(join(ROOT, dir), { recursive: true });
    write('a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('b.ts', "import { a } from './a';\nexport const b = () => a;\n");
    // Three files, a type-only import and the alias: still a cycle.
    write('c.ts', `import type { E } from '@/${dir}/e';\nexport type C = E[];\n`);
    write('d.ts', "import type { C } from './c';\nexport type D = C;\n");
    write('e.ts', "import type { D } from './d';\nexport interface E { d?: D }\n");
    write('f.ts', "import { g } from './g';\nexport const f = g;\n");
    write('g.ts', 'export const g = 1;\n');
  });
  afterAll(() => rmSync(join(ROOT, dir), { recursive: true, force: true }));

  const lintFile = async (name: string, text: string) => errors(`${dir}/${name}`, text);

  it('two files importing each other fail', async () => {
    const found = await lintFile('a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    expect(found.join('\n')).toMatch(/dealerlens\/no-cycle: Import cycle: .*a\.ts -> .*b\.ts -> .*a\.ts/);
  });

  it('a longer cycle through a type import and the @/ alias fails', async () => {
    const found = await lintFile('d.ts', "import type { C } from './c';\nexport type D = C;\n");
    expect(found.join('\n')).toMatch(/dealerlens\/no-cycle/);
  });

  it('a one-way import passes', async () => {
    expect(await lintFile('f.ts', "import { g } from './g';\nexport const f = g;\n")).toEqual([]);
  });
});

describe('views: no component imports Dexie or touches a table (docs/architecture.md#the-data-layer)', () => {
  const code = (body: string) => `import type { DealerLensDB } from '@/lib/db';\n${body}\n`;

  it.each([
    ['a table read', 'export const f = (db: DealerLensDB) => db.customers.toArray();'],
    ['a table write', "export const f = (db: DealerLensDB) => db.settings.put({ key: 'k', value: 1 });"],
    ['a table through props', 'export const f = (props: { db: DealerLensDB }) => props.db.followUps.count();'],
    [
      'a table through this',
      'export class C {\n  constructor(private db: DealerLensDB) {}\n  f = () => this.db.batches.count();\n}',
    ],
    ['a table by name', "export const f = (db: DealerLensDB) => db.table('history').count();"],
    ['a transaction', "export const f = (db: DealerLensDB) => db.transaction('r', [], async () => 1);"],
    [
      'a table destructured',
      'export const f = (db: DealerLensDB) => {\n  const { ruleSets } = db;\n  return ruleSets;\n};',
    ],
  ])('%s in a component fails', async (_, body) => {
    const found = await errors('components/audit/probe.ts', code(body));
    expect(found.join('\n')).toMatch(/no-restricted-syntax: components read and write through lib\/db/);
  });

  it('a component importing Dexie fails, also in the content script', async () => {
    for (const file of ['components/audit/probe.tsx', 'components/capture-panel/probe.ts']) {
      const found = await errors(file, "import { liveQuery } from 'dexie';\nexport const f = liveQuery;\n");
      expect(found.join('\n')).toMatch(/no-restricted-imports: .*never Dexie/);
    }
  });

  it('the queries and commands of lib/db pass, and lib/db itself may touch its tables', async () => {
    const query = code(
      "import { allCustomers, customersByIds } from '@/lib/db';\n" +
        'export const f = async (db: DealerLensDB) => [await allCustomers(db), await customersByIds(db, [])];',
    );
    expect(await errors('components/audit/probe.ts', query)).toEqual([]);
    expect(
      await errors('lib/db/probe.ts', code('export const f = (db: DealerLensDB) => db.customers.count();')),
    ).toEqual([]);
  });

  it('the rule names every table of the database', async () => {
    const { DB_TABLES } = (await import(pathToFileURL(join(ROOT, 'eslint.config.js')).href)) as {
      DB_TABLES: string[];
    };
    const db = openDatabase({ name: `lint-tables-${process.pid}` });
    expect([...DB_TABLES].sort()).toEqual(db.tables.map((t) => t.name).sort());
  });

  it('no file of components/ touches a table or imports Dexie', () => {
    let found = '';
    try {
      found = execFileSync(
        'grep',
        [
          '-rlE',
          String.raw`\bdb\.(customers|settings|followUps|batches|history|ruleSets|profiles|identityDirectory|batchSnapshots)\.|from 'dexie'`,
          'components',
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
    } catch (error) {
      // grep exits 1 when nothing matches, which is what is wanted.
      if ((error as { status?: number }).status !== 1) throw error;
    }
    expect(found.split('\n').filter(Boolean)).toEqual([]);
  });
});
