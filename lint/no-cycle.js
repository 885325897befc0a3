// A local ESLint rule: no import cycles between the project's own files
// (docs/architecture.md#the-floors). It follows relative and `@/` imports
// (types included: a type cycle still ties the files' designs together) with
// a plain scan of each file's import and export-from statements, cached per
// lint run, so `npm run lint` stays fast without a type-aware resolver.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const SPEC = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const EXTENSIONS = ['.ts', '.tsx', '.js', '/index.ts', '/index.tsx', '/index.js'];

/** Resolved target of an import in `from`, or null when it leaves the project (a package). */
export function resolveImport(from, spec) {
  let base;
  if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else if (spec.startsWith('@/') || spec.startsWith('@@/')) base = path.join(ROOT, spec.slice(spec.indexOf('/') + 1));
  else return null;
  if (/\.(ts|tsx|js)$/.test(base) && isFile(base)) return base;
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
  return null;
}

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The project files one file imports; read from disk once per process and file version. */
const cache = new Map();
function importsOf(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const hit = cache.get(file);
  if (hit && hit.mtime === stat.mtimeMs && hit.size === stat.size) return hit.deps;
  const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const deps = [];
  for (const m of text.matchAll(SPEC)) {
    const target = resolveImport(file, m[1]);
    if (target) deps.push(target);
  }
  cache.set(file, { mtime: stat.mtimeMs, size: stat.size, deps });
  return deps;
}

/** A path of imports from `start` back to `target`, or null. */
function pathBack(start, target) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length) {
    const [file, trail] = stack.pop();
    if (file === target) return trail;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const dep of importsOf(file)) if (!seen.has(dep)) stack.push([dep, [...trail, dep]]);
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles between project files' },
    schema: [],
    messages: {
      cycle:
        'Import cycle: {{cycle}}. Move the shared part to a file both can import (docs/architecture.md#the-floors).',
    },
  },
  create(context) {
    const file = path.resolve(context.filename);
    const rel = (p) => path.relative(ROOT, p);
    function check(node) {
      if (!node.source || typeof node.source.value !== 'string') return;
      const target = resolveImport(file, node.source.value);
      if (!target || target === file) return;
      const back = pathBack(target, file);
      if (back) context.report({ node, messageId: 'cycle', data: { cycle: [file, ...back].map(rel).join(' -> ') } });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
