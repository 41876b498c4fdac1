/** Median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `1234567.8` → `1,234,568`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `0.8734` → `0.87`. */
export function formatRatio(n: number): string {
  return Number.isFinite(n) ? n.toFixed(2) : 'n/a';
}
