// Pieces of an estimate every view shows the same way: figures, working, flags and sources.
import type { Estimate, Source } from '@paylens/core';
import { h, sourceLink } from '../dom.js';
import { formatFactor, formatMoney, formatPercent } from '../format.js';

const FLAG_TEXT: Readonly<Record<string, string>> = {
  'lower-bound': 'The source gives only a floor (“upwards of”, “over”), so the median shown is that floor; pay may well be higher.',
  'thin-data': 'One published figure: the spread around it is borrowed from government statistics for a related occupation.',
  'proxy-region-factor': 'No local pay figure for this region: local pay is approximated by its price level (BEA).',
  'no-region-data': 'No figure for this region: national pay is shown.',
  extrapolated: 'Figures aged more than 3 years past the published date.',
  aged: 'Figures moved to the requested date.',
  'level-inferred': 'Level worked out from your years and skills.',
  'below-level-minimum': 'You have fewer years than this level usually asks.',
  'conflicting-sources': 'Another source disagrees; its figure is listed below, not averaged in.',
};

/** A definition list of label → value pairs; each value carries `data-key` for reference. */
export function figureList(items: readonly (readonly [key: string, label: string, value: string])[]): HTMLDListElement {
  return h(
    'dl',
    { class: 'figures' },
    ...items.map(([key, label, value]) => h('div', { class: 'figure' }, h('dt', {}, label), h('dd', { 'data-key': key }, value))),
  );
}

/** Base and total pay at every percentile, as a table. */
export function percentileTable(e: Estimate, caption: string): HTMLTableElement {
  const keys = ['p10', 'p25', 'p50', 'p75', 'p90', 'mean'] as const;
  const names: Record<(typeof keys)[number], string> = {
    p10: '10th percentile',
    p25: '25th percentile',
    p50: 'Median',
    p75: '75th percentile',
    p90: '90th percentile',
    mean: 'Mean',
  };
  return h(
    'table',
    { class: 'data percentiles' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'Point'), h('th', { scope: 'col' }, 'Base pay'), h('th', { scope: 'col' }, 'Total pay')),
    ),
    h(
      'tbody',
      {},
      ...keys.map((k) =>
        h(
          'tr',
          { 'data-key': k },
          h('th', { scope: 'row' }, names[k]),
          h('td', { 'data-col': 'base' }, formatMoney(e.base[k])),
          h('td', { 'data-col': 'total' }, formatMoney(e.total[k])),
        ),
      ),
    ),
  );
}

const sourceTitle = (sources: readonly Source[], id: string) => {
  const source = sources.find((x) => x.id === id);
  return source ? sourceLink(source.title, source.url) : document.createTextNode(id);
};

/** Where the estimate starts, each adjustment with its factor and source, and the flags. */
export function working(e: Estimate): HTMLElement {
  const section = h(
    'section',
    { class: 'working' },
    h('h3', {}, 'How this was worked out'),
    h('p', {}, 'Starts from: ', e.basis.description, ' — ', sourceTitle(e.sources, e.basis.sourceId), '.'),
  );
  if (e.adjustments.length > 0) {
    section.append(
      h(
        'table',
        { class: 'data adjustments' },
        h('caption', {}, 'Adjustments applied'),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'Adjustment'), h('th', { scope: 'col' }, 'Factor'), h('th', { scope: 'col' }, 'Source')),
        ),
        h(
          'tbody',
          {},
          ...e.adjustments.map((a) =>
            h(
              'tr',
              { 'data-kind': a.kind },
              h('td', {}, a.description),
              h(
                'td',
                { class: 'num', 'data-label': 'Factor' },
                formatFactor(a.factor),
                h('span', { class: 'muted' }, ` (${formatPercent((a.factor - 1) * 100)})`),
              ),
              h('td', { class: 'source', 'data-label': 'Source' }, sourceTitle(e.sources, a.sourceId)),
            ),
          ),
        ),
      ),
    );
  } else {
    section.append(h('p', {}, 'No adjustments: the published figure applies as it stands.'));
  }
  section.append(h('p', {}, 'Spread: ', e.spread.description, ' — ', sourceTitle(e.sources, e.spread.sourceId), '.'));
  // Flags without a sentence here (bonus-scaled) are explained by the answer's own notes.
  const notes = [...e.flags.flatMap((f) => FLAG_TEXT[f] ?? []), ...e.notes];
  if (notes.length > 0) section.append(h('h4', {}, 'Good to know'), h('ul', { class: 'notes' }, ...notes.map((n) => h('li', {}, n))));
  if (e.alternatives.length > 0) {
    section.append(
      h('h4', {}, 'Other sources say'),
      h(
        'ul',
        { class: 'notes' },
        ...e.alternatives.map((a) => h('li', {}, `${a.description} (${formatMoney(a.value)}) — `, sourceTitle(e.sources, a.sourceId))),
      ),
    );
  }
  return section;
}

/** Every source the estimate cites. */
export function sourceList(sources: readonly Source[]): HTMLElement {
  return h(
    'section',
    { class: 'sources', 'aria-label': 'Sources' },
    h('h3', {}, 'Sources'),
    h(
      'ul',
      {},
      ...sources.map((src) =>
        h(
          'li',
          {},
          sourceLink(src.title, src.url),
          h('span', { class: 'muted' }, ` — ${src.publisher}${src.published ? `, ${src.published}` : ''}`),
        ),
      ),
    ),
  );
}

const CONFIDENCE: Readonly<Record<string, string>> = { high: 'High', medium: 'Medium', low: 'Low' };
export const confidenceText = (e: Estimate): string => `${CONFIDENCE[e.confidence] ?? e.confidence} confidence`;
