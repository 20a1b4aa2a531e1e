import { describe, expect, it } from 'vitest';
import { GLOSSARY, termsIn } from '../../src/app/glossary.ts';

describe('glossary', () => {
  it('explains each word the issue named as jargon', () => {
    const words = Object.values(GLOSSARY).map((entry) => entry.term).join(' | ');
    for (const word of ['adstock', 'Hill exponent', 'Lognormal', 'P10', 'counterfactual', 'common random numbers']) expect(words).toContain(word);
  });

  it('finds the words a lesson uses', () => {
    expect(termsIn('Its brand settings are lognormal, about a factor of 1.7 either way at the 10th and 90th percentiles; the lag is triangular.'))
      .toEqual(['lognormal', 'p10', 'triangular']);
    expect(termsIn('Nothing technical here.')).toEqual([]);
  });

  it('reads brand equity as the key figures do: roughly the share of buyers who think of the brand first', () => {
    expect(GLOSSARY.equity.meaning).toContain('0.37 means roughly 37 % of buyers think of the brand first');
  });
});
