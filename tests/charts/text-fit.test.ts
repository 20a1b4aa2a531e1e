import { describe, expect, it } from 'vitest';
import { fitText } from '../../src/charts/text-fit.ts';

// 6 px a character: a measure whose widths are easy to count.
const measure = (text: string) => text.length * 6;

describe('fitText', () => {
  it('keeps a text that fits whole, to the pixel', () => {
    expect(fitText('Brand half-life', 90, measure)).toBe('Brand half-life');
  });

  it('cuts a long text at a word near the end, drops the word’s trailing colon, and adds an ellipsis within the room', () => {
    // 150 px: 25 characters with the ellipsis, so 24 of the text, "Retail media: maximum co", cut back to its last word.
    const cut = fitText('Retail media: maximum conversion lift', 150, measure);
    expect(cut).toBe('Retail media: maximum…');
    expect(measure(cut)).toBeLessThanOrEqual(150);
    // 96 px: "Retail media: m", back to "Retail media:", without its colon.
    expect(fitText('Retail media: maximum conversion lift', 96, measure)).toBe('Retail media…');
    // 120 px: "Retail media: maxim", whose last space is too far back (13 of 19): cut at the character.
    expect(fitText('Retail media: maximum conversion lift', 120, measure)).toBe('Retail media: maxim…');
    expect(fitText('Supercalifragilistic', 60, measure)).toBe('Supercali…');
  });

  it('keeps at least one character and the ellipsis however small the room', () => {
    expect(fitText('Demand lift', 1, measure)).toBe('D…');
  });
});
