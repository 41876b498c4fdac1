// The p10–p90 pay band as an SVG: the outer band p10–p90, the middle half p25–p75, the median,
// and optionally an offer marked on it. Drawn at the container's width so text stays legible.
import { h, s } from '../dom.js';
import { formatMoney, formatMoneyShort } from '../format.js';
import { chartWidth, linearScale, niceTicks } from './scale.js';

export interface BandChartInput {
  readonly base: { readonly p10: number; readonly p25: number; readonly p50: number; readonly p75: number; readonly p90: number };
  readonly offer?: number;
  /** Accessible name, e.g. "Base pay band for Mid-level in the United States". */
  readonly title: string;
}

const MARGIN = 14;
const CHAR_WIDTH = 7.2;

/** x for a label of `text` centred on `x`, kept inside the chart; with its text-anchor. */
function placeLabel(x: number, text: string, width: number): { x: number; anchor: 'start' | 'middle' | 'end' } {
  const half = (text.length * CHAR_WIDTH) / 2;
  if (x - half < MARGIN / 2) return { x: MARGIN / 2, anchor: 'start' };
  if (x + half > width - MARGIN / 2) return { x: width - MARGIN / 2, anchor: 'end' };
  return { x, anchor: 'middle' };
}

let chartCount = 0;

/** Draws (or redraws) the chart, with its legend, into `container`. */
export function drawBandChart(container: HTMLElement, input: BandChartInput): void {
  const { p10, p25, p50, p75, p90 } = input.base;
  const width = chartWidth(container);
  const hasOffer = input.offer !== undefined && Number.isFinite(input.offer);
  const offer = input.offer ?? p50;
  const lo0 = Math.min(p10, hasOffer ? offer : p10);
  const hi0 = Math.max(p90, hasOffer ? offer : p90);
  const pad = (hi0 - lo0) * 0.08;
  const x = linearScale([Math.max(0, lo0 - pad), hi0 + pad], [MARGIN, width - MARGIN]);
  const id = `band-${++chartCount}`;

  // With an offer, its label takes the top row and the median's goes under the band, so the two
  // never collide however close they are.
  const bandTop = hasOffer ? 30 : 24;
  const bandHeight = 40;
  const bandBottom = bandTop + bandHeight;
  const medianY = hasOffer ? bandBottom + 18 : 14;
  const axisY = hasOffer ? bandBottom + 30 : bandBottom + 14;
  const height = axisY + 24;
  const medianText = `Median ${formatMoney(p50)}`;
  const median = placeLabel(x(p50), medianText, width);
  const ticks = niceTicks(x.domain[0], x.domain[1], Math.max(3, Math.floor(width / 90)));
  const description =
    `10th percentile ${formatMoney(p10)}, 25th ${formatMoney(p25)}, median ${formatMoney(p50)}, ` +
    `75th ${formatMoney(p75)}, 90th ${formatMoney(p90)}${hasOffer ? `; the offer, ${formatMoney(offer)}, is marked` : ''}.`;

  const svg = s(
    'svg',
    { class: 'chart band-chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d` },
    s('title', { id: `${id}-t` }, input.title),
    s('desc', { id: `${id}-d` }, description),
    s('rect', { class: 'band-outer', x: x(p10), y: bandTop, width: x(p90) - x(p10), height: bandHeight, rx: 4 }),
    s('rect', { class: 'band-inner', x: x(p25), y: bandTop, width: x(p75) - x(p25), height: bandHeight }),
    s('line', { class: 'median', x1: x(p50), x2: x(p50), y1: bandTop - 4, y2: bandBottom + 4 }),
    s('text', { class: 'label strong', x: median.x, y: medianY, 'text-anchor': median.anchor }, medianText),
    s('line', { class: 'axis', x1: MARGIN, x2: width - MARGIN, y1: axisY, y2: axisY }),
    ...ticks.flatMap((t) => [
      s('line', { class: 'axis', x1: x(t), x2: x(t), y1: axisY, y2: axisY + 5 }),
      s('text', { class: 'label small muted', x: x(t), y: axisY + 18, 'text-anchor': 'middle' }, formatMoneyShort(t)),
    ]),
  );
  if (hasOffer) {
    const text = `Offer ${formatMoney(offer)}`;
    const label = placeLabel(x(offer), text, width);
    const ox = x(offer);
    svg.append(
      s('text', { class: 'label strong offer-label', x: label.x, y: 12, 'text-anchor': label.anchor }, text),
      s('path', { class: 'offer-marker', d: `M${ox - 6},${bandTop - 13} L${ox + 6},${bandTop - 13} L${ox},${bandTop - 4} Z` }),
      s('line', { class: 'offer', x1: ox, x2: ox, y1: bandTop - 4, y2: bandBottom + 4 }),
    );
  }
  const swatch = (cls: string) => h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' });
  const legend = h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    h('li', {}, swatch('swatch-outer'), `p10–p90, 8 in 10 earn here: ${formatMoney(p10)} – ${formatMoney(p90)}`),
    h('li', {}, swatch('swatch-inner'), `p25–p75, the middle half: ${formatMoney(p25)} – ${formatMoney(p75)}`),
    h('li', {}, swatch('swatch-median'), `Median: ${formatMoney(p50)}`),
    hasOffer ? h('li', {}, swatch('swatch-offer'), `Offer: ${formatMoney(offer)}`) : null,
  );
  container.replaceChildren(svg, legend);
}
