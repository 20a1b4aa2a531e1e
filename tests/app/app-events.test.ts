import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_EVENT_NAMES } from '../../src/app/app-events.ts';

// Every custom event the app's components send is declared once, with its detail, in
// src/app/app-events.ts (merged into HTMLElementEventMap), and the shell listens for each.

const SOURCE = fileURLToPath(new URL('../../src', import.meta.url));
const EVENTS_FILE = 'app/app-events.ts';
const SHELL_FILE = 'app/budget-sim-app.component.ts';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every file of src/app and src/charts, by its path under src/. */
const files = ['app', 'charts'].flatMap((folder) => sourceFiles(join(SOURCE, folder)))
  .map((path) => ({ path: relative(SOURCE, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));

/**
 * The events a source text sends: `new CustomEvent('name'`, `appEvent('name'` and the scenario
 * panel's `emit(this, 'name'`, each with its name; `dynamic` counts `new CustomEvent(` whose
 * name is not written out (allowed only in the factory itself).
 */
function sentEvents(text: string): { names: string[]; dynamic: number } {
  const names = [...text.matchAll(/new CustomEvent(?:<[^>]*>)?\(\s*'([^']+)'|\bappEvent\(\s*'([^']+)'|\bemit\(\s*this,\s*'([^']+)'/g)]
    .map((match) => match[1] ?? match[2] ?? match[3]);
  const dynamic = [...text.matchAll(/new CustomEvent(?:<[^>]*>)?\(\s*(?!')/g)].length;
  return { names, dynamic };
}

describe('one typed event map', () => {
  it('the scanner finds every way an event is sent', () => {
    const sample = `
      this.dispatchEvent(new CustomEvent('plan-clear', { bubbles: true }));
      this.dispatchEvent(new CustomEvent<{ id: string }>('preset-change', { detail }));
      this.dispatchEvent(appEvent('view-change', { view }));
      emit(this, 'scenario-open', { id });
      target.dispatchEvent(new CustomEvent(name, { detail }));`;
    expect(sentEvents(sample)).toEqual({ names: ['plan-clear', 'preset-change', 'view-change', 'scenario-open'], dynamic: 1 });
  });

  it('every event created in src/app and src/charts is declared in app-events.ts', () => {
    const declared = new Set<string>(APP_EVENT_NAMES);
    const undeclared = files.flatMap(({ path, text }) => sentEvents(text).names.filter((name) => !declared.has(name)).map((name) => `${path}: ${name}`));
    expect(undeclared).toEqual([]);
    // The check above sees real events: the app sends most of the declared ones by name.
    const sent = new Set(files.flatMap(({ text }) => sentEvents(text).names));
    expect(sent.size).toBeGreaterThan(20);
  });

  it('only the factory creates an event whose name is not written out (so the check above sees every name)', () => {
    const dynamic = files.filter(({ path, text }) => path !== EVENTS_FILE && sentEvents(text).dynamic > 0).map(({ path }) => path);
    expect(dynamic).toEqual([]);
  });

  it('HTMLElementEventMap is extended in app-events.ts only', () => {
    const elsewhere = files.filter(({ path, text }) => path !== EVENTS_FILE && /interface\s+HTMLElementEventMap\b/.test(text)).map(({ path }) => path);
    expect(elsewhere).toEqual([]);
  });

  it('the shell listens for every declared event', () => {
    const shell = files.find(({ path }) => path === SHELL_FILE)!.text;
    const unheard = APP_EVENT_NAMES.filter((name) => !shell.includes(`'${name}': `));
    expect(unheard).toEqual([]);
  });
});
