import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The app's colours and form styles are defined once, in src/app/design-tokens.ts: components'
// styles use var(--…) and write no colour of their own, and every token they read exists (a
// misspelt custom property would silently drop its colour).

const APP = fileURLToPath(new URL('../../src/app', import.meta.url));
const TOKENS_FILE = 'design-tokens.ts';

/** The text of every css`…` block in each file of src/app. */
const styles = readdirSync(APP).filter((name) => name.endsWith('.ts')).map((name) => {
  const text = readFileSync(join(APP, name), 'utf8');
  return { name, css: [...text.matchAll(/\bcss`([^`]*)`/g)].map((match) => match[1]).join('\n') };
});

const COLOUR_LITERAL = /#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(/g;
const defined = (css: string) => new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1]));
const used = (css: string) => [...css.matchAll(/var\(\s*(--[\w-]+)/g)].map((match) => match[1]);

describe('design tokens', () => {
  it('the scan reads the styles (the tokens define colours and components use them)', () => {
    const tokens = styles.find(({ name }) => name === TOKENS_FILE)!.css;
    expect(defined(tokens).has('--colour-error')).toBe(true);
    expect(styles.filter(({ name, css }) => name !== TOKENS_FILE && used(css).length > 0).length).toBeGreaterThan(10);
    expect('color: #B00020; background: rgba(0, 0, 0, 0.1)'.match(COLOUR_LITERAL)).toHaveLength(2);
  });

  it('no component style writes a colour of its own', () => {
    const literals = styles.filter(({ name }) => name !== TOKENS_FILE)
      .flatMap(({ name, css }) => (css.match(COLOUR_LITERAL) ?? []).map((literal) => `${name}: ${literal}`));
    expect(literals).toEqual([]);
  });

  it('every custom property a style reads is defined, by the tokens or in the app’s own styles', () => {
    const everywhere = new Set(styles.flatMap(({ css }) => [...defined(css)]));
    const missing = styles.flatMap(({ name, css }) => used(css).filter((property) => !everywhere.has(property)).map((property) => `${name}: ${property}`));
    expect(missing).toEqual([]);
  });
});
