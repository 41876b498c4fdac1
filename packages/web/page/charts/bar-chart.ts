// Nominal and purchasing-power pay per region as horizontal SVG bars: solid for nominal, hatched
// for purchasing power, so the two differ by more than colour.
import { s } from '../dom.js';
import { formatMoney, formatMoneyShort } from '../format.js';
import { chartWidth, linearScale } from './scale.js';

export interface BarRow {
  readonly label: string;
  readonly nominal: number;
  /** null when the region has no price index. */
  readonly purchasingPower: number | null;
}

const MARGIN = 8;
const CHAR_WIDTH = 7.2;
const VALUE_SPACE = 64;
const BAR = 16;
const ROW = 18 + BAR * 2 + 4 + 16;
const LEGEND = 48;

const clip = (text: string, room: number) => {
  const max = Math.max(8, Math.floor(room / CHAR_WIDTH));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
};

/** Draws (or redraws) the chart into `container`. */
export function drawBarChart(container: HTMLElement, rows: readonly BarRow[], title: string): void {
  const width = chartWidth(container);
  const height = LEGEND + rows.length * ROW;
  const max = Math.max(1, ...rows.flatMap((r) => [r.nominal, r.purchasingPower ?? 0]));
  const x = linearScale([0, max], [MARGIN, width - MARGIN - VALUE_SPACE]);
  const description = rows
    .map(
      (r) =>
        `${r.label}: nominal ${formatMoney(r.nominal)}, ${r.purchasingPower === null ? 'no price index' : `purchasing power ${formatMoney(r.purchasingPower)}`}`,
    )
    .join('; ');

  const bar = (value: number, y: number, cls: string, fill?: string) => [
    s('rect', { class: cls, x: MARGIN, y, width: Math.max(1, x(value) - MARGIN), height: BAR, ...(fill ? { fill } : {}) }),
    s('text', { class: 'label small', x: x(value) + 6, y: y + BAR - 4 }, formatMoneyShort(value)),
  ];

  const svg = s(
    'svg',
    { class: 'chart bar-chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'bars-t bars-d' },
    s('title', { id: 'bars-t' }, title),
    s('desc', { id: 'bars-d' }, description),
    s(
      'defs',
      {},
      s(
        'pattern',
        { id: 'pp-hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
        s('rect', { class: 'hatch-bg', width: 6, height: 6 }),
        s('line', { class: 'hatch-line', x1: 1.5, y1: 0, x2: 1.5, y2: 6 }),
      ),
    ),
    s('rect', { class: 'bar-nominal', x: MARGIN, y: 6, width: 14, height: 14 }),
    s('text', { class: 'label small', x: MARGIN + 20, y: 18 }, 'Nominal median base pay'),
    s('rect', { class: 'bar-pp', x: MARGIN, y: 26, width: 14, height: 14, fill: 'url(#pp-hatch)' }),
    s('text', { class: 'label small', x: MARGIN + 20, y: 38 }, 'Purchasing power (at U.S. average prices)'),
  );
  rows.forEach((row, i) => {
    const top = LEGEND + i * ROW;
    svg.append(s('text', { class: 'label strong', x: MARGIN, y: top + 13 }, clip(row.label, width - 2 * MARGIN)));
    svg.append(...bar(row.nominal, top + 18, 'bar-nominal'));
    if (row.purchasingPower === null) {
      svg.append(s('text', { class: 'label small muted', x: MARGIN, y: top + 18 + BAR + 4 + BAR - 4 }, 'no price index for this region'));
    } else {
      svg.append(...bar(row.purchasingPower, top + 18 + BAR + 4, 'bar-pp', 'url(#pp-hatch)'));
    }
  });
  container.replaceChildren(svg);
}
