/**
 * Which lags of the upstream lag window count (spec §4 step 1, wₗ = α^((l − θ)²)).
 *
 * The weights are a Gaussian in l, so a few lags either side of the peak carry all of their
 * weight: with α = 0.6 weekly, lags more than 9 from the peak weigh less than 10⁻¹⁹ of it. A
 * window of 600 months has 2,601 weekly lags, and summing all of them every period made a long
 * window 100 times slower than it needs to be. So the lags whose weights are negligible are
 * dropped: stored as 0, left out of Σ wₗ and of every lag loop (`lagFirst` … `lagLast` of the
 * compiled model). The kept weights are still normalised by their own sum, so constant spend
 * still gives exactly that spend as the lagged upstream.
 *
 * The rule: keep lag l when wₗ > w_peak · c(S), with
 *   c(S) = ε^max(1, 1/S) / (L + 1),  ε = 1e-16,
 * where w_peak is the largest weight (at the lag nearest θ) and S the upstream Hill shape. Why
 * the shape: the lagged upstream only matters through Hill(x; K, S), and for S < 1 that curve
 * is steep at 0 (Hill(x) ≈ (x/K)^S), so a tiny x still counts; ε^(1/S) makes the dropped part
 * just as negligible after the curve. Error bound (docs/uncertainty.md, "Negligible lags"):
 * the dropped weights sum to at most δ = (L + 1) · w_peak · c(S) ≤ ε^max(1, 1/S) of Σ wₗ, so
 * the lagged upstream moves by at most δ·U_max (U_max the largest upstream spend per period),
 * the upstream response by at most max(S, 1) · ((1 + κ) · U_max / K')^min(S, 1) · ε, equity by
 * maxEquity times that, and revenue by (λ + μ) times that relative: about 1e-15 for every
 * realistic model, far below the spec's 1e-9.
 */

/** ε in the rule above. */
export const NEGLIGIBLE_LAG_SHARE = 1e-16;

/**
 * The weight below which a lag is dropped, as a share of the peak weight: c(S) above.
 * May be 0 (underflow) for a very small S: then every lag with a nonzero weight is kept.
 * @param lagWindow L, in periods
 * @param upstreamShape S > 0
 */
export function negligibleLagShare(lagWindow: number, upstreamShape: number): number {
  return Math.pow(NEGLIGIBLE_LAG_SHARE, Math.max(1, 1 / upstreamShape)) / (lagWindow + 1);
}

/** The lag in 0 … L nearest the peak θ: the one with the largest weight. */
export function peakLag(lagPeak: number, lagWindow: number): number {
  return Math.min(lagWindow, Math.max(0, Math.round(lagPeak)));
}

/** The lags that count, l = first … last, and the sum of their weights. */
export interface KeptLags {
  first: number;
  last: number;
  sum: number;
}

/**
 * Writes wₗ = α^((l − θ)²) (Math.pow, as the spec writes it) for the lags that count and 0 for
 * the others, into `weights` (length L + 1), walking outward from the peak, where weights only
 * shrink, and stopping at the first negligible one each side. Cost: O(kept lags), not O(L).
 * @example fillKeptLagWeights(new Float64Array(13), 4, 0.6, 1).first // 0 (the window is short)
 */
export function fillKeptLagWeights(weights: Float64Array, lagPeak: number, concentration: number, upstreamShape: number): KeptLags {
  const lagWindow = weights.length - 1;
  const peak = peakLag(lagPeak, lagWindow);
  weights.fill(0);
  weights[peak] = Math.pow(concentration, (peak - lagPeak) ** 2);
  const cutoff = weights[peak] * negligibleLagShare(lagWindow, upstreamShape);
  let last = peak;
  for (let lag = peak + 1; lag <= lagWindow; lag += 1) {
    const weight = Math.pow(concentration, (lag - lagPeak) ** 2);
    if (!(weight > cutoff)) break;
    weights[lag] = weight;
    last = lag;
  }
  let first = peak;
  for (let lag = peak - 1; lag >= 0; lag -= 1) {
    const weight = Math.pow(concentration, (lag - lagPeak) ** 2);
    if (!(weight > cutoff)) break;
    weights[lag] = weight;
    first = lag;
  }
  // Summed from the lowest lag up, as the spec's Σ is written.
  let sum = 0;
  for (let lag = first; lag <= last; lag += 1) sum += weights[lag];
  return { first, last, sum };
}
