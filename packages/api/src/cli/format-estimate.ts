import type { Dataset, Estimate } from '@paylens/core';

const money = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const pad = (s: string, n: number) => s.padStart(n);

/**
 * A terminal-friendly rendering of an estimate: who and where, the percentiles in a table, then
 * the working (adjustments, flags, notes) and the sources.
 */
export function formatEstimate(estimate: Estimate, dataset: Dataset): string {
  const role = dataset.roles.byId[estimate.role];
  const level = estimate.level ? role?.levels.find((l) => l.id === estimate.level) : undefined;
  const region = dataset.regions.byId[estimate.region];
  const levelText = level ? `${level.name}${estimate.levelBasis === 'inferred' ? ' (inferred)' : ''}` : 'all levels';
  const lines = [
    `${role?.name ?? estimate.role} · ${levelText} · ${region?.name ?? estimate.region}`,
    `${estimate.currency} per ${estimate.period}, as of ${estimate.asOf} · confidence ${estimate.confidence} (${estimate.confidenceScore.toFixed(2)})`,
    '',
  ];
  const cols = ['p10', 'p25', 'p50', 'p75', 'p90', 'mean'] as const;
  const width = 10;
  lines.push(`${''.padEnd(7)}${cols.map((c) => pad(c, width)).join('')}`);
  lines.push(`${'base'.padEnd(7)}${cols.map((c) => pad(money(estimate.base[c]), width)).join('')}`);
  lines.push(`${'total'.padEnd(7)}${cols.map((c) => pad(money(estimate.total[c]), width)).join('')}`);
  lines.push(`${'bonus'.padEnd(7)}${pad(money(estimate.bonus.mean), width)} (mean)`);

  if (estimate.adjustments.length > 0) {
    lines.push('', 'adjustments');
    for (const a of estimate.adjustments) lines.push(`  ${a.kind.padEnd(7)} ×${a.factor.toFixed(4)}  ${a.description} [${a.sourceId}]`);
  }
  if (estimate.flags.length > 0) lines.push('', `flags: ${estimate.flags.join(', ')}`);
  if (estimate.notes.length > 0) {
    lines.push('', 'notes');
    for (const n of estimate.notes) lines.push(`  - ${n}`);
  }
  lines.push('', 'sources');
  for (const s of estimate.sources) {
    lines.push(`  ${s.id}: ${s.title}, ${s.publisher}${s.published ? ` (${s.published})` : ''}${s.url ? ` ${s.url}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
