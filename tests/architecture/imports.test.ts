import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// How the source is layered (docs/architecture.md): model format → simulation → optimise and
// uncertainty → command and app; charts get their data and formats as properties. These tests
// read every import in src/ (type-only imports too, as `madge --circular` would) and check that
// no module reaches back up a layer or round in a circle.

const SOURCE = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every file's relative imports and re-exports, resolved to absolute paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SOURCE)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)]
      .map((match) => resolve(dirname(file), match[1]));
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected groups of two or more files (Tarjan): each is an import circle. */
function importCircles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string) => {
    order.set(file, counter);
    lowest.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!order.has(target)) {
        visit(target);
        lowest.set(file, Math.min(lowest.get(file)!, lowest.get(target)!));
      } else if (onStack.has(target)) {
        lowest.set(file, Math.min(lowest.get(file)!, order.get(target)!));
      }
    }
    if (lowest.get(file) === order.get(file)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(relative(SOURCE, member));
      } while (member !== file);
      if (group.length > 1) circles.push(group.sort());
    }
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return circles;
}

describe('imports in src/', () => {
  const graph = importGraph();

  it('form no circles, type-only imports included', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('finds a circle when there is one (the check itself works)', () => {
    const a = join(SOURCE, 'a.ts');
    const b = join(SOURCE, 'b.ts');
    expect(importCircles(new Map([[a, [b]], [b, [a]]]))).toEqual([['a.ts', 'b.ts']]);
  });

  it('keep the engine free of the app, the charts and the command', () => {
    const upward = [...graph].filter(([file]) => relative(SOURCE, file).startsWith('engine/'))
      .flatMap(([file, targets]) => targets.filter((target) => /^(app|charts|cli)\//.test(relative(SOURCE, target)))
        .map((target) => `${relative(SOURCE, file)} → ${relative(SOURCE, target)}`));
    expect(upward).toEqual([]);
  });

  it('keep the charts free of the app and the command', () => {
    const upward = [...graph].filter(([file]) => relative(SOURCE, file).startsWith('charts/'))
      .flatMap(([file, targets]) => targets.filter((target) => /^(app|cli)\//.test(relative(SOURCE, target)))
        .map((target) => `${relative(SOURCE, file)} → ${relative(SOURCE, target)}`));
    expect(upward).toEqual([]);
  });
});
