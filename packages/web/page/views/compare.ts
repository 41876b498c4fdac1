// "Where does it pay most?": the profile across the regions picked, nominal and purchasing power.
import type { Region, RegionComparison, Source } from '@paylens/core';
import { ApiProblem, api } from '../api.js';
import { drawBarChart } from '../charts/bar-chart.js';
import { drawResponsive } from '../charts/responsive.js';
import { byId, fill, h, sourceLink } from '../dom.js';
import { clearErrors, showErrors } from '../field-errors.js';
import { formatMoney } from '../format.js';
import { type Catalogue, readProfile, resolveRegion } from '../profile.js';
import { describeWho } from './describe.js';
import { runView, viewElements } from './run-view.js';

const MAX_REGIONS = 25;
const STARTING_REGIONS = ['us', 'us-ny-new-york', 'us-ca-san-francisco', 'us-tx-houston'];

let sources: Promise<Source[]> | undefined;

function comparisonTable(c: RegionComparison): HTMLTableElement {
  const col = (text: string) => h('th', { scope: 'col' }, text);
  return h(
    'table',
    { class: 'data comparison' },
    h('caption', {}, 'Median base pay by region, USD a year'),
    h('thead', {}, h('tr', {}, col('Region'), col('Nominal'), col('Purchasing power'), col('Price level (U.S. = 100)'), col('Rank'))),
    h(
      'tbody',
      {},
      ...c.regions.map((r) =>
        h(
          'tr',
          { 'data-region': r.region },
          h('th', { scope: 'row' }, r.name),
          h('td', { class: 'num', 'data-col': 'nominal', 'data-label': 'Nominal' }, formatMoney(r.nominal.p50)),
          h(
            'td',
            { class: 'num', 'data-col': 'purchasing-power', 'data-label': 'Purchasing power' },
            r.purchasingPower ? formatMoney(r.purchasingPower.p50) : '—',
          ),
          h(
            'td',
            { class: 'num', 'data-label': 'Price level' },
            r.purchasingPower ? `${r.purchasingPower.rpp.toFixed(1)} (${r.purchasingPower.rppYear})` : '—',
          ),
          h(
            'td',
            { class: 'num', 'data-label': 'Rank' },
            `#${r.rank.nominal}`,
            r.rank.purchasingPower === null ? '' : h('span', { class: 'muted' }, ` · #${r.rank.purchasingPower} by purchasing power`),
          ),
        ),
      ),
    ),
  );
}

async function render(result: HTMLElement, c: RegionComparison, who: string): Promise<void> {
  const ordered = [...c.regions].sort((a, b) => a.rank.nominal - b.rank.nominal);
  const chart = h('div', { class: 'chart-box' });
  const sourceBox = h('section', { class: 'sources', 'aria-label': 'Sources' });
  fill(
    result,
    h('p', { class: 'context' }, `${who}, highest nominal pay first.`),
    chart,
    comparisonTable(c),
    h(
      'ul',
      { class: 'notes' },
      ...c.notes.map((n) => h('li', {}, n)),
      ...c.regions.map((r) =>
        h('li', {}, r.factor.description.startsWith(r.name) ? `${r.factor.description}.` : `${r.name}: ${r.factor.description}.`),
      ),
    ),
    sourceBox,
  );
  drawResponsive(chart, () =>
    drawBarChart(
      chart,
      ordered.map((r) => ({ label: r.name, nominal: r.nominal.p50, purchasingPower: r.purchasingPower?.p50 ?? null })),
      `Median base pay by region: ${who}`,
    ),
  );
  sources ??= api.sources().catch(() => []);
  const ids = new Set(c.regions.flatMap((r) => [r.factor.sourceId, r.purchasingPower?.sourceId ?? '']));
  const cited = (await sources).filter((src) => ids.has(src.id));
  if (cited.length > 0) {
    fill(sourceBox, h('h3', {}, 'Sources'), h('ul', {}, ...cited.map((src) => h('li', {}, sourceLink(src.title, src.url)))));
  }
}

/** The chips of the regions picked, each with a button to remove it. */
function setUpPicker(catalogue: Catalogue, errors: HTMLElement) {
  const search = byId('compare-search', HTMLInputElement);
  const add = byId('compare-add', HTMLButtonElement);
  const chips = byId('compare-chips', HTMLUListElement);
  const picked: Region[] = STARTING_REGIONS.flatMap((id) => catalogue.regionIndex.get(id) ?? []);

  const draw = () => {
    chips.replaceChildren(
      ...picked.map((r, i) =>
        h(
          'li',
          { class: 'chip' },
          h('span', {}, r.name),
          h('button', { type: 'button', class: 'chip-remove', 'data-index': i, 'aria-label': `Remove ${r.name}` }, '×'),
        ),
      ),
    );
    add.disabled = picked.length >= MAX_REGIONS;
  };
  chips.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button.chip-remove');
    if (!button) return;
    const index = Number(button.dataset.index);
    picked.splice(index, 1);
    draw();
    const next = chips.querySelectorAll<HTMLButtonElement>('button.chip-remove')[Math.min(index, picked.length - 1)];
    (next ?? search).focus();
  });
  /** Adds the region typed in the search box; throws ApiProblem naming `regions` when none matches. */
  const addTyped = async () => {
    const region = await resolveRegion(catalogue, search.value, 'regions');
    if (!region) return;
    if (!picked.some((r) => r.id === region.id)) picked.push(region);
    search.value = '';
    draw();
  };
  const addFromUi = async () => {
    clearErrors(errors);
    try {
      await addTyped();
    } catch (error) {
      if (error instanceof ApiProblem) showErrors(errors, 'Please check this field', '', error.errors);
    }
  };
  add.addEventListener('click', () => void addFromUi());
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void addFromUi();
    }
  });
  draw();
  return { picked: () => picked.map((r) => r.id), pending: () => search.value.trim(), addTyped };
}

/** Wires the view; returns the function that runs it. */
export function setUpCompare(catalogue: Catalogue): () => Promise<void> {
  const view = viewElements('compare');
  const picker = setUpPicker(catalogue, view.errors);
  return runView(view, async (signal) => {
    if (picker.pending()) await picker.addTyped();
    const { region: _ignored, ...profile } = await readProfile(catalogue, { withRegion: false });
    const comparison = await api.compare({ ...profile, regions: picker.picked() }, signal);
    const who = describeWho(catalogue, comparison);
    await render(view.result, comparison, who);
    const top = comparison.regions.find((r) => r.region === comparison.rankedByNominal[0]);
    return `Comparison ready for ${comparison.regions.length} regions; highest nominal pay: ${top ? `${top.name}, ${formatMoney(top.nominal.p50)}` : '—'}.`;
  });
}
