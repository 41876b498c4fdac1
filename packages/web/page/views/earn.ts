// "What should I earn?": the estimate for the profile, its band, and its working.
import type { Estimate } from '@paylens/core';
import { api } from '../api.js';
import { drawBandChart } from '../charts/band-chart.js';
import { drawResponsive } from '../charts/responsive.js';
import { fill, h } from '../dom.js';
import { formatMoney } from '../format.js';
import { type Catalogue, readProfile } from '../profile.js';
import { describeProfile } from './describe.js';
import { confidenceText, figureList, percentileTable, sourceList, working } from './market-details.js';
import { runView, viewElements } from './run-view.js';

function render(result: HTMLElement, e: Estimate, who: string): void {
  const chart = h('div', { class: 'chart-box' });
  fill(
    result,
    h(
      'div',
      { class: 'headline' },
      h('p', { class: 'big-label', id: 'earn-median-label' }, 'Median base pay'),
      h('p', { class: 'big', id: 'earn-median', 'aria-describedby': 'earn-median-label' }, formatMoney(e.base.p50)),
      h('p', { class: 'context' }, `${who} · ${confidenceText(e)} · figures as of ${e.asOf}`),
    ),
    figureList([
      ['range', 'Middle half (p25–p75)', `${formatMoney(e.base.p25)} – ${formatMoney(e.base.p75)}`],
      ['bonus', 'Bonus (mean)', formatMoney(e.bonus.mean)],
      ['total', 'Total pay, median', formatMoney(e.total.p50)],
      ['total-mean', 'Total pay, mean', formatMoney(e.total.mean)],
    ]),
    chart,
    percentileTable(e, 'Pay at each point of the range, USD a year'),
    working(e),
    sourceList(e.sources),
  );
  drawResponsive(chart, () => drawBandChart(chart, { base: e.base, title: `Base pay band: ${who}` }));
}

/** Wires the view; returns the function that runs it. */
export function setUpEarn(catalogue: Catalogue): () => Promise<void> {
  const view = viewElements('earn');
  return runView(view, async (signal) => {
    const query = await readProfile(catalogue, { withRegion: true });
    const estimate = await api.estimate(query, signal);
    const who = describeProfile(catalogue, estimate);
    render(view.result, estimate, who);
    return `Estimate ready: median base pay ${formatMoney(estimate.base.p50)} for ${who}.`;
  });
}
