import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate closest to a mistyped name, or undefined when none is close enough to be a
 * plausible typo (suggesting "validate" for "xyz" would only confuse).
 *
 * Close means an edit distance of at most 2, or a third of the candidate's length for long
 * names. Comparison ignores case.
 * @example closestName('simualte', ['simulate', 'sweep']) // 'simulate'
 */
export function closestName(input: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || input === '') return undefined;
  const lowered = candidates.map((candidate) => candidate.toLowerCase());
  const best = closest(input.toLowerCase(), lowered);
  const allowed = Math.max(2, Math.floor(best.length / 3));
  if (distance(input.toLowerCase(), best) > allowed) return undefined;
  return candidates[lowered.indexOf(best)];
}
