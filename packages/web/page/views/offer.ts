// "Is this offer fair?": the offer against the market band for the same profile.
import type { Benchmark } from '@paylens/core';
import { api } from '../api.js';
import { drawBandChart } from '../charts/band-chart.js';
import { drawResponsive } from '../charts/responsive.js';
import { byId, fill, h } from '../dom.js';
import { formatMoney, formatOrdinal, formatPercent } from '../format.js';
import { type Catalogue, readProfile } from '../profile.js';
import { describeProfile } from './describe.js';
import { confidenceText, figureList, sourceList, working } from './market-details.js';
import { runView, viewElements } from './run-view.js';

const VERDICT: Readonly<Record<string, string>> = {
  'below-market': 'Below market',
  competitive: 'Competitive',
  'above-market': 'Above market',
};

/** The number typed into an input; empty is "not given", anything else goes to the API as typed. */
function readAmount(input: HTMLInputElement): number | undefined {
  const text = input.value.trim();
  if (text === '' && !input.validity.badInput) return undefined;
  return Number(text === '' ? Number.NaN : text);
}

function render(result: HTMLElement, b: Benchmark, offer: { base: number; bonus?: number }, who: string): void {
  const m = b.market;
  const chart = h('div', { class: 'chart-box' });
  const gap = `${b.delta.amount >= 0 ? '+' : '−'}${formatMoney(Math.abs(b.delta.amount))} (${formatPercent(b.delta.percent)})`;
  fill(
    result,
    h(
      'div',
      { class: 'headline' },
      h('p', { class: 'big-label' }, 'Verdict'),
      h('p', { class: `big verdict verdict-${b.verdict}`, id: 'offer-verdict' }, VERDICT[b.verdict] ?? b.verdict),
      h(
        'p',
        { class: 'context' },
        `A base of ${formatMoney(offer.base)} is at the `,
        h('strong', { id: 'offer-percentile' }, `${formatOrdinal(b.percentile)} percentile`),
        ` for ${who}.`,
      ),
    ),
    figureList([
      ['percentile', 'Percentile', formatOrdinal(b.percentile)],
      ['compa-ratio', 'Compa-ratio (offer ÷ median)', b.compaRatio.toFixed(2)],
      ['median', 'Market median', formatMoney(m.base.p50)],
      ['gap', 'Gap to the median', gap],
      ['counter', 'Counter-offer range', `${formatMoney(b.counterOffer.low)} – ${formatMoney(b.counterOffer.high)}`],
      ['total', 'Whole offer vs mean total pay', `${formatMoney(b.total.offer)} vs ${formatMoney(b.total.marketMean)}`],
    ]),
    h('p', { class: 'rationale' }, b.counterOffer.rationale),
    chart,
    h('p', { class: 'context' }, `Market: ${confidenceText(m)} · figures as of ${m.asOf}.`),
    working(m),
    sourceList(m.sources),
  );
  drawResponsive(chart, () => drawBandChart(chart, { base: m.base, offer: offer.base, title: `Your offer on the pay band: ${who}` }));
}

/** Wires the view; returns the function that runs it. */
export function setUpOffer(catalogue: Catalogue): () => Promise<void> {
  const view = viewElements('offer');
  const baseInput = byId('offer-base', HTMLInputElement);
  const bonusInput = byId('offer-bonus', HTMLInputElement);
  return runView(view, async (signal) => {
    const profile = await readProfile(catalogue, { withRegion: true });
    const base = readAmount(baseInput);
    const bonus = readAmount(bonusInput);
    const offer = { ...(base === undefined ? {} : { base }), ...(bonus === undefined ? {} : { bonus }) };
    const benchmark = await api.benchmark({ ...profile, offer }, signal);
    const who = describeProfile(catalogue, benchmark.market);
    render(view.result, benchmark, { base: base ?? 0, ...(bonus === undefined ? {} : { bonus }) }, who);
    return `${VERDICT[benchmark.verdict] ?? benchmark.verdict}: the offer is at the ${formatOrdinal(benchmark.percentile)} percentile for ${who}.`;
  });
}
