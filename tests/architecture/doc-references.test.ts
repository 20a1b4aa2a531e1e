/**
 * Code comments cite documentation as `docs/model.md, "Carryover after the horizon"` (issue 11:
 * "code comments cite sections of docs/model.md that exist"). Every such citation in src/,
 * tests/ and scripts/ must name an existing file and a heading in it, so that renaming a section
 * breaks this test instead of leaving readers at a dead end.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry) ? [path] : [];
  });
}

/** The citations in a file's text, with comment line breaks (`\n * `) joined into spaces. */
export function citations(text: string): { file: string; heading: string }[] {
  const joined = text.replace(/\s*\n\s*(\*|\/\/)\s*/g, ' ');
  return [...joined.matchAll(/docs\/([a-z0-9-]+\.md),? "([^"]+)"/g)].map((match) => ({ file: match[1], heading: match[2] }));
}

function headings(file: string): Set<string> {
  const text = readFileSync(join(ROOT, 'docs', file), 'utf8');
  return new Set([...text.matchAll(/^#+\s+(.+?)\s*$/gm)].map((match) => match[1]));
}

describe('documentation cited in code comments', () => {
  const files = ['src', 'tests', 'scripts'].flatMap((directory) => sourceFiles(join(ROOT, directory)));
  const cited = files.flatMap((path) => citations(readFileSync(path, 'utf8')).map((citation) => ({ ...citation, from: relative(ROOT, path) })));

  it('finds citations (the pattern still matches how comments cite)', () => {
    expect(cited.length).toBeGreaterThan(5);
  });

  it('every cited section exists', () => {
    const missing = cited.filter(({ file, heading }) => {
      try {
        return !headings(file).has(heading);
      } catch {
        return true;
      }
    }).map(({ file, heading, from }) => `${from}: docs/${file} "${heading}"`);
    expect(missing).toEqual([]);
  });

  it('reads a citation split over comment lines', () => {
    expect(citations('see docs/model.md,\n * "Carryover after the horizon")')).toEqual([{ file: 'model.md', heading: 'Carryover after the horizon' }]);
  });
});
