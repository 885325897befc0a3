import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import noCycle from './lint/no-cycle.js';

// docs/architecture.md#the-floors: the architecture is kept by a check. lib/ is pure logic: no
// browser/chrome/document/window globals and no wxt imports outside
// lib/extension/, and lib never reaches up into components or entrypoints.
const pureGlobals = [
  'error',
  { name: 'browser', message: 'lib/ is pure: reach the browser through lib/extension.' },
  { name: 'chrome', message: 'lib/ is pure: reach the browser through lib/extension.' },
  { name: 'document', message: 'lib/ is pure: take a Document or Element as a parameter.' },
  { name: 'window', message: 'lib/ is pure: take what you need from Window as a parameter.' },
  { name: 'localStorage', message: 'lib/ is pure.' },
  { name: 'location', message: 'lib/ is pure: take the URL as a parameter.' },
];
const noWxt = { group: ['wxt', 'wxt/*', '#imports'], message: 'Only lib/extension may import wxt.' };
const noViews = {
  group: ['**/components/**', '**/entrypoints/**', '@/components/*', '@/entrypoints/*'],
  message: 'lib/ never imports views or entrypoints.',
};

// The floors, bottom up (docs/architecture.md#the-floors). A lib folder imports
// only folders on a lower floor; folders sharing a floor do not import each other.
const FLOORS = [
  ['customer', 'i18n', 'calendar'],
  ['scrape', 'mapping', 'settings'],
  ['followup'],
  ['grading'],
  ['analytics'],
  ['sheets'],
  ['db'],
  ['capture', 'views', 'overlay'],
  ['crawl'],
  ['extension'],
];
const floorOf = new Map(FLOORS.flatMap((names, floor) => names.map((name) => [name, floor])));
const folderNames = FLOORS.flat().filter((name) => name !== 'customer');

/** `lib/<name>` reached from a sibling lib folder or through the alias. */
const reach = (name) => [`../${name}`, `../${name}/**`, `@/lib/${name}`, `@/lib/${name}/**`];

function floorPatterns(name) {
  const above = FLOORS.flat().filter((other) => other !== name && floorOf.get(other) >= floorOf.get(name));
  if (above.length === 0) return [];
  return [
    {
      group: above.flatMap((other) => (name === 'customer' ? [`./${other}`, `./${other}/**`] : reach(other))),
      message: `lib/${name} is on floor ${floorOf.get(name)}: it imports only lower floors (docs/architecture.md#the-floors).`,
    },
  ];
}

// An import from outside a lib folder goes through its index: the index is the
// folder's public surface (docs/architecture.md#the-floors).
const throughIndex = (names) => ({
  group: names.flatMap((name) => [`../${name}/**`, `@/lib/${name}/**`, `**/lib/${name}/**`]),
  message: "Import another lib folder through its index ('../grading' or '@/lib/grading', not '../grading/facts').",
});

// The content script stays small (docs/architecture.md#the-floors): these
// folders' indexes reach the database (Dexie), so the content script's files
// import their leaf modules instead.
const CONTENT_SCRIPT = [
  'entrypoints/portal.content/**',
  'entrypoints/lens.content/**',
  'components/capture-panel/**',
  'components/workbench-drawer/**',
  'components/portal-overlay/**',
  'components/portal-follow/**',
];
const LEAF_FOR_CONTENT_SCRIPT = ['capture', 'crawl', 'extension', 'overlay'];
// The lib/extension adapters the content script loads take the wire format
// (lib/capture/wire.ts, which imports no database) from its leaf module.
const CONTENT_SCRIPT_ADAPTERS = ['lib/extension/messages.ts', 'lib/extension/portal.ts', 'lib/extension/crawl.ts'];
const captureWireOnly = {
  group: ['../capture/**', '!../capture/wire', '@/lib/capture/**'],
  message:
    "The content script's adapters take only lib/capture/wire as a leaf; everything else through its index, '../capture'.",
};

// lib/db takes the backup format from its leaf module: the lib/sheets index
// reaches SheetJS, and the popup and the capture page open the database
// without loading it.
const sheetsBackupOnly = {
  group: ['../sheets/**', '!../sheets/backup', '@/lib/sheets/**'],
  message: "lib/db takes only lib/sheets/backup as a leaf; everything else through its index, '../sheets'.",
};

// lib/overlay takes the identity keys from their leaf module: the content
// script reads its rows' keys, and the lib/db index reaches Dexie.
const dbIdentityOnly = {
  group: ['../db/**', '!../db/identity', '@/lib/db/**'],
  message: "lib/overlay takes only lib/db/identity as a leaf; everything else through its index, '../db'.",
};

const libFolderConfigs = ['customer', ...folderNames].map((name) => {
  const pure = name !== 'extension';
  const patterns = [
    ...(pure ? [noWxt] : []),
    noViews,
    ...floorPatterns(name),
    ...(name === 'db'
      ? [throughIndex(folderNames.filter((other) => other !== name && other !== 'sheets')), sheetsBackupOnly]
      : name === 'overlay'
        ? [throughIndex(folderNames.filter((other) => other !== name && other !== 'db')), dbIdentityOnly]
        : [throughIndex(folderNames.filter((other) => other !== name))]),
  ];
  return {
    files: name === 'customer' ? ['lib/customer.ts'] : [`lib/${name}/**/*.ts`, `lib/${name}/**/*.tsx`],
    ...(pure ? { languageOptions: { globals: {} } } : {}),
    rules: {
      ...(pure ? { 'no-restricted-globals': pureGlobals } : {}),
      'no-restricted-imports': ['error', { patterns }],
    },
  };
});

const noEntrypoints = {
  group: ['**/entrypoints/**', '@/entrypoints/*'],
  message: 'components never import entrypoints.',
};

// Views read and write through lib/db's queries and commands and the hooks of
// components/hooks (docs/architecture.md#the-data-layer): no component imports
// Dexie or touches a table of the database.
export const DB_TABLES = [
  'customers',
  'history',
  'batches',
  'batchSnapshots',
  'profiles',
  'settings',
  'identityDirectory',
  'ruleSets',
  'followUps',
];
const noDexie = {
  group: ['dexie', 'dexie/*'],
  message: 'components reach the database through lib/db (queries, commands, watchQuery), never Dexie itself.',
};
const tableAccess = `/^(${[...DB_TABLES, 'table', 'tables', 'transaction'].join('|')})$/`;
const TOUCH_A_TABLE =
  'components read and write through lib/db (queries and commands) and components/hooks, never a table.';
const noTables = [
  'error',
  // db.customers, this.db.settings, props.db.followUps …, db.table('x'), db.transaction(…)
  { selector: `MemberExpression[object.name='db'][property.name=${tableAccess}]`, message: TOUCH_A_TABLE },
  { selector: `MemberExpression[object.property.name='db'][property.name=${tableAccess}]`, message: TOUCH_A_TABLE },
  // const { customers } = db
  { selector: `VariableDeclarator[init.name='db'] > ObjectPattern`, message: TOUCH_A_TABLE },
];
export default tseslint.config(
  {
    ignores: ['.tmp/**', '.output/**', '.wxt/**', 'node_modules/**', 'dist/**', 'test/fixtures/**/*.html', 'public/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.tsx', 'components/**/*.ts', 'entrypoints/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    plugins: { dealerlens: { rules: { 'no-cycle': noCycle } } },
    rules: { 'dealerlens/no-cycle': 'error' },
  },
  ...libFolderConfigs,
  {
    files: CONTENT_SCRIPT_ADAPTERS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noViews,
            ...floorPatterns('extension'),
            throughIndex(folderNames.filter((name) => name !== 'extension' && name !== 'capture')),
            captureWireOnly,
          ],
        },
      ],
    },
  },
  {
    files: ['components/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noEntrypoints, noDexie, throughIndex(folderNames)] }] },
  },
  {
    files: ['components/**'],
    rules: { 'no-restricted-syntax': noTables },
  },
  {
    files: ['entrypoints/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [throughIndex(folderNames)] }] },
  },
  {
    files: CONTENT_SCRIPT,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/entrypoints/**', '@/entrypoints/*'], message: noEntrypoints.message },
            noDexie,
            throughIndex(folderNames.filter((name) => !LEAF_FOR_CONTENT_SCRIPT.includes(name))),
          ],
        },
      ],
    },
  },
);
