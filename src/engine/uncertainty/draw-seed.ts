import { randomLcg } from 'd3';

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 32-bit key for a field path (FNV-1a over its UTF-16 code units, then mixed), so that each
 * uncertain field has its own stream of random numbers whatever other fields are uncertain.
 * @example pathKey('brand.halfLifeMonths') === pathKey('brand.halfLifeMonths') // true
 */
export function pathKey(path: string): number {
  let h = 0x811c9dc5;
  for (let index = 0; index < path.length; index += 1) h = Math.imul(h ^ path.charCodeAt(index), 0x01000193);
  return mix32(h);
}

/**
 * The uniform source for one field in one draw: d3's `randomLcg`, seeded by a hash of
 * (seed, draw, field). Because each value depends on nothing else, the same seed gives the
 * same numbers on every machine and in every order of work, and two scenarios that share an
 * uncertain field see the same values of it in each draw (common random numbers).
 *
 * The LCG's first output is a bijection of its 32-bit seed, so well-mixed seeds give uniform
 * first outputs; the later outputs a rejection redraw or Box–Muller need follow the LCG.
 *
 * @param seed a whole number 0 … 2^53 − 1
 * @param draw the draw's index, 0 …
 * @param key `pathKey(path)`, or any 32-bit key for another stream
 * @example drawSource(42, 0, pathKey('brand.halfLifeMonths'))() // the same on every run
 */
export function drawSource(seed: number, draw: number, key: number): () => number {
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x100000000) >>> 0;
  let h = mix32(low ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(high + 1, 0x85ebca77));
  h = mix32(h ^ Math.imul(draw + 1, 0x27d4eb2f));
  h = mix32(h ^ key);
  return randomLcg(h);
}
