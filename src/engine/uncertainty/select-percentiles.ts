/** Bins of the histogram that narrows each percentile down to a few values. */
const BINS = 1024;

/**
 * Percentiles of the first `count` values, exactly as simple-statistics' `quantileSorted` gives
 * them on the sorted values (R's type 7: with h = (n − 1)·p, x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌈h⌉₎ − x₍⌊h⌋₎)),
 * but without sorting.
 *
 * Why not sort: bands need five percentiles of every period of three series, 180 columns for
 * 5 years monthly, and sorting 180 columns of 10,000 draws took longer (≈ 200 ms) than
 * simulating the draws. Instead, one pass finds the range, one counts the values into 1024
 * equal bins (bin order is value order, since the binning is monotonic), the cumulative counts
 * name the bin holding each wanted rank, and one more pass collects just those bins' values,
 * which are sorted to read off the ranks. O(n) per call, with small sorts.
 *
 * +Infinity counts as larger than every number (a payback that never comes); a percentile that
 * needs it is +Infinity. NaN is not allowed.
 *
 * @param probabilities each 0 … 1
 * @param out receives one percentile per probability
 * @example selectPercentiles(Float64Array.of(3, 1, 2), 3, [0.5], out) // out[0] === 2
 */
export function selectPercentiles(values: Float64Array, count: number, probabilities: readonly number[], out: Float64Array): void {
  if (count === 0) throw new RangeError('percentiles need at least one value');
  let min = Infinity;
  let max = -Infinity;
  let finiteCount = 0;
  for (let index = 0; index < count; index += 1) {
    const value = values[index];
    if (value === Infinity) continue;
    finiteCount += 1;
    if (value < min) min = value;
    if (value > max) max = value;
  }

  // Each probability interpolates between the values at two ranks (R's type 7).
  const rankCount = 2 * probabilities.length;
  if (ranks.length < rankCount) ranks = new Int32Array(rankCount);
  if (rankValues.length < rankCount) rankValues = new Float64Array(rankCount);
  probabilities.forEach((probability, index) => {
    const h = (count - 1) * probability;
    ranks[2 * index] = Math.floor(h);
    ranks[2 * index + 1] = Math.ceil(h);
  });

  if (min === max) {
    for (let index = 0; index < rankCount; index += 1) rankValues[index] = ranks[index] < finiteCount ? min : Infinity;
  } else {
    const scale = BINS / (max - min);
    counts.fill(0);
    for (let index = 0; index < count; index += 1) {
      const value = values[index];
      if (value !== Infinity) counts[binOf(value, min, scale)] += 1;
    }
    // firstRankOfBin[b]: how many values fall in bins before b (bin order is value order).
    let running = 0;
    for (let bin = 0; bin < BINS; bin += 1) {
      firstRankOfBin[bin] = running;
      running += counts[bin];
    }
    // The bins holding wanted ranks, each given a stretch of `members` as long as its count.
    stamp += 1;
    let memberCount = 0;
    for (let index = 0; index < rankCount; index += 1) {
      const rank = ranks[index];
      if (rank >= finiteCount) continue;
      const bin = binOfRank(rank);
      if (wantedStamp[bin] !== stamp) {
        wantedStamp[bin] = stamp;
        memberStart[bin] = memberCount;
        memberFill[bin] = 0;
        memberCount += counts[bin];
      }
    }
    if (members.length < memberCount) members = new Float64Array(Math.max(memberCount, 2 * members.length));
    for (let index = 0; index < count; index += 1) {
      const value = values[index];
      if (value === Infinity) continue;
      const bin = binOf(value, min, scale);
      if (wantedStamp[bin] === stamp) members[memberStart[bin] + memberFill[bin]++] = value;
    }
    // Sort each wanted bin's few values (a typed array sorts numerically) and read the ranks off.
    for (let index = 0; index < rankCount; index += 1) {
      const rank = ranks[index];
      if (rank >= finiteCount) {
        rankValues[index] = Infinity;
        continue;
      }
      const bin = binOfRank(rank);
      const stretch = members.subarray(memberStart[bin], memberStart[bin] + counts[bin]);
      if (sortedStamp[bin] !== stamp) {
        stretch.sort();
        sortedStamp[bin] = stamp;
      }
      rankValues[index] = stretch[rank - firstRankOfBin[bin]];
    }
  }

  probabilities.forEach((probability, index) => {
    const h = (count - 1) * probability;
    const lower = rankValues[2 * index];
    const upper = rankValues[2 * index + 1];
    out[index] = lower === upper ? lower : lower + (h - Math.floor(h)) * (upper - lower);
  });
}

/*
 * Working memory, reused from call to call so that a call allocates nothing (bands make 180
 * calls per run). JavaScript runs one call at a time per thread, and no call re-enters.
 * `stamp` marks the bins wanted in the current call, so those arrays need no clearing.
 */
const counts = new Int32Array(BINS);
const firstRankOfBin = new Int32Array(BINS);
const wantedStamp = new Float64Array(BINS);
const sortedStamp = new Float64Array(BINS);
const memberStart = new Int32Array(BINS);
const memberFill = new Int32Array(BINS);
let stamp = 0;
let ranks = new Int32Array(16);
let rankValues = new Float64Array(16);
let members = new Float64Array(1024);

/** The last bin whose first rank is ≤ rank (and holds values, so it holds that rank). */
function binOfRank(rank: number): number {
  let low = 0;
  let high = BINS - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (firstRankOfBin[middle] <= rank) low = middle;
    else high = middle - 1;
  }
  while (counts[low] === 0) low -= 1;
  return low;
}

/** ⌊(value − min) · scale⌋, at most BINS − 1: monotonic in value, so bins keep the values' order. */
function binOf(value: number, min: number, scale: number): number {
  const bin = ((value - min) * scale) | 0;
  return bin < BINS ? bin : BINS - 1;
}
