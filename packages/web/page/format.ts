// Numbers as a job seeker reads them: whole dollars, short axis labels, signed percentages.
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });

export const formatMoney = (n: number): string => dollars.format(Math.round(n));
export const formatMoneyShort = (n: number): string => compact.format(n);
export const formatPercent = (n: number, digits = 1): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toFixed(digits)}%`;
export const formatFactor = (f: number): string => `×${f.toFixed(4).replace(/0+$/, '').replace(/\.$/, '')}`;

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st. */
export function formatOrdinal(n: number): string {
  const k = Math.round(n);
  const tens = k % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${suffix}`;
}
