// `npm run check:circular` (a step of `npm test`): the import graph has no circles and keeps its layers.
// The graph is the one the TypeScript compiler resolves for `tsc -p tsconfig.json` (relative imports,
// workspace packages, `import type`, dynamic `import()`), read from `--explainFiles`; see
// docs/decisions/0016-import-graph.md for why not madge or dependency-cruiser.
import { spawnSync } from 'node:child_process';

/** Layering: a file matching `from` may not import a file matching `to` (paths from the repository root). */
const RULES = [
  { name: 'domain imports nothing of ours', from: /^packages\/domain\//, to: /^(?!packages\/domain\/)/ },
  { name: 'contracts import only the domain', from: /^packages\/contracts\//, to: /^(?!packages\/(contracts|domain)\/)/ },
  { name: 'db does not import the apps or tools', from: /^packages\/db\//, to: /^(apps|tools)\// },
  { name: 'web imports neither server, db nor tools', from: /^apps\/web\//, to: /^(apps\/server|packages\/db|tools)\// },
  { name: 'the server does not import tools (the demo imports the server)', from: /^apps\/server\/(?!.*\.test\.ts$)/, to: /^tools\// },
];
const TESTS = /\.test\.tsx?$|^tests\//;

function importGraph() {
  const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit', '--noCheck', '--explainFiles'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (tsc.status !== 0) throw new Error(`tsc --explainFiles failed:\n${tsc.stdout}${tsc.stderr}`);
  const ours = (path) => !path.includes('node_modules/') && !path.startsWith('/');
  /** @type {Map<string, Set<string>>} importer → imported */
  const graph = new Map();
  let file = null;
  for (const line of tsc.stdout.split('\n')) {
    if (line && !/^\s/.test(line)) {
      file = line.trim();
      continue;
    }
    const m = /^\s+Imported via (["']).*?\1 from file '([^']+)'/.exec(line);
    if (!m || !file || !ours(file) || !ours(m[2])) continue;
    if (!graph.has(m[2])) graph.set(m[2], new Set());
    graph.get(m[2]).add(file);
  }
  if (graph.size === 0) throw new Error('tsc --explainFiles listed no import: its output format changed?');
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan. */
function circles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || graph.get(v)?.has(v)) found.push(scc);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found.map((scc) => cycleThrough(graph, new Set(scc), scc.sort()[0]));
}

/** One concrete circle from `start` back to it, inside its component (breadth-first: the shortest). */
function cycleThrough(graph, members, start) {
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [];
        for (let x = v; x !== null; x = prev.get(x)) path.unshift(x);
        return { files: members.size, path: [...path, start] };
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return { files: members.size, path: [start, start] };
}

const graph = importGraph();
const problems = [];
for (const c of circles(graph)) {
  problems.push(`circle (${c.files} files):\n    ${c.path.join('\n  → ')}`);
}
for (const [from, tos] of graph) {
  for (const to of tos) {
    for (const rule of RULES) {
      if (rule.from.test(from) && rule.to.test(to) && !(TESTS.test(to) && TESTS.test(from))) problems.push(`${rule.name}: ${from} → ${to}`);
    }
  }
}
const files = new Set([...graph.keys(), ...[...graph.values()].flatMap((s) => [...s])]).size;
const edges = [...graph.values()].reduce((n, s) => n + s.size, 0);
if (problems.length) {
  console.error(`Import graph (${files} files, ${edges} imports): ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Import graph: ${files} files, ${edges} imports, no circle, layers kept.`);
