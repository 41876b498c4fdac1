import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

// Pay within one group is modelled as lognormal: ln(pay) ~ N(ln(median), sigma²). This file is
// the only place that knows the distribution; everything else asks it for percentiles.

/** Standard normal quantiles, computed once. */
export const Z = Object.freeze({
  p10: normalQuantile(0.1, 0, 1),
  p25: normalQuantile(0.25, 0, 1),
  p75: normalQuantile(0.75, 0, 1),
  p90: normalQuantile(0.9, 0, 1),
});

export interface Percentiles {
  readonly p10: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
  readonly mean: number;
}

/** Each percentile and the mean as a multiple of the median; they depend on sigma alone. */
export interface LognormalFactors {
  readonly p10: number;
  readonly p25: number;
  readonly p75: number;
  readonly p90: number;
  readonly mean: number;
}

/** The multiples of the median for a log-sigma: computed once per spread, not once per estimate. */
export function lognormalFactors(sigma: number): LognormalFactors {
  return Object.freeze({
    p10: Math.exp(Z.p10 * sigma),
    p25: Math.exp(Z.p25 * sigma),
    p75: Math.exp(Z.p75 * sigma),
    p90: Math.exp(Z.p90 * sigma),
    mean: Math.exp((sigma * sigma) / 2),
  });
}

/** Percentiles and mean of a lognormal from its median and precomputed {@link lognormalFactors}. */
export function scalePercentiles(median: number, f: LognormalFactors): Percentiles {
  return { p10: median * f.p10, p25: median * f.p25, p50: median, p75: median * f.p75, p90: median * f.p90, mean: median * f.mean };
}

/** Percentiles and mean of a lognormal given its median and log-sigma. */
export function lognormalPercentiles(median: number, sigma: number): Percentiles {
  return scalePercentiles(median, lognormalFactors(sigma));
}

/** Median of a lognormal whose mean is known: mean ÷ e^(σ²/2). */
export function medianFromMean(mean: number, sigma: number): number {
  return mean / Math.exp((sigma * sigma) / 2);
}

/** Share of the distribution at or below `x`, 0–1. */
export function lognormalCdf(x: number, median: number, sigma: number): number {
  if (x <= 0) return 0;
  return normalCdf(Math.log(x / median) / sigma, 0, 1);
}

/** Log-sigma implied by a 10th and 90th percentile, as BLS OEWS publishes them. */
export function sigmaFromDeciles(p10: number, p90: number): number {
  return Math.log(p90 / p10) / (Z.p90 - Z.p10);
}

/** Log-sigma implied by the quartiles, for occupations whose 90th percentile is top-coded. */
export function sigmaFromQuartiles(p25: number, p75: number): number {
  return Math.log(p75 / p25) / (Z.p75 - Z.p25);
}
