// The code cites the project's own docs/ and nothing a person who clones the
// repository lacks; every cited section exists (docs/architecture.md#comments-and-citations).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = [
  'lib',
  'components',
  'entrypoints',
  'test',
  'lint',
  'wxt.config.ts',
  'eslint.config.js',
  'vitest.config.ts',
  'vitest.e2e.config.ts',
];
const SOURCE = /\.(?:ts|tsx|js|mjs|css)$/;

function files(path: string): string[] {
  if (statSync(path).isFile()) return SOURCE.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) =>
    name === 'node_modules' || name === 'fixtures' ? [] : files(join(path, name)),
  );
}

const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');

function anchorsOf(doc: string): Set<string> {
  const text = readFileSync(join('docs', doc), 'utf8');
  return new Set([...text.matchAll(/^#+\s+(.*)$/gm)].map((m) => slug(m[1]!)));
}

const sources = ROOTS.flatMap(files).filter((f) => f !== join('test', 'docs.test.ts'));

describe('the code cites docs/ only', () => {
  it('names no document outside the repository and no issue number', () => {
    const outside = /\b(?:domain|style|DEVELOPERS)\.md\b|shared\/(?:domain|style|seeds)|\b[Ii]ssues? #\d+/;
    const hits = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (outside.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('cites sections that exist', () => {
    const anchors = new Map<string, Set<string>>();
    const missing: string[] = [];
    for (const file of sources) {
      for (const [, doc, anchor] of readFileSync(file, 'utf8').matchAll(/docs\/([\w-]+\.md)#([\w-]+)/g)) {
        if (!anchors.has(doc!)) anchors.set(doc!, anchorsOf(doc!));
        if (!anchors.get(doc!)!.has(anchor!)) missing.push(`${file}: docs/${doc}#${anchor}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
