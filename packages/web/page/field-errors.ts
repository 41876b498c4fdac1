// Puts each API field problem next to the control it names (`offer.base` → the base pay input),
// and lists them all in the view's error summary with links to the fields.
import type { FieldProblem } from './api.js';
import { h } from './dom.js';

/** Field path as the API names it → id of the control to mark (and focus from the summary). */
const CONTROLS: Readonly<Record<string, string>> = {
  role: 'role',
  level: 'level',
  yearsExperience: 'years',
  region: 'region',
  education: 'education',
  skills: 'skills',
  'offer.base': 'offer-base',
  'offer.bonus': 'offer-bonus',
  regions: 'compare-search',
};

const LABELS: Readonly<Record<string, string>> = {
  role: 'Role',
  level: 'Level',
  yearsExperience: 'Years of experience',
  region: 'Region',
  education: 'Highest education',
  skills: 'Skills',
  'offer.base': 'Base pay offered',
  'offer.bonus': 'Bonus offered',
  regions: 'Regions to compare',
};

/** The longest known field path that `path` starts with: `skills.2` → `skills`. */
export function fieldFor(path: string): string | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (key in CONTROLS) return key;
  }
  return undefined;
}

function errorSlot(field: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-field="${field}"] > .field-error, [data-field="${field}"] .field-error`);
}

function describedBy(control: Element, errorId: string, on: boolean): void {
  const ids = new Set((control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  if (on) ids.add(errorId);
  else ids.delete(errorId);
  if (ids.size > 0) control.setAttribute('aria-describedby', [...ids].join(' '));
  else control.removeAttribute('aria-describedby');
}

/** Removes every field error on the page and empties the summary. */
export function clearErrors(summary: HTMLElement): void {
  for (const field of Object.keys(CONTROLS)) {
    const slot = errorSlot(field);
    const control = document.getElementById(CONTROLS[field] ?? '');
    if (slot) {
      slot.hidden = true;
      slot.textContent = '';
    }
    if (control) {
      control.removeAttribute('aria-invalid');
      if (slot) describedBy(control, slot.id, false);
    }
  }
  summary.hidden = true;
  summary.replaceChildren();
}

/**
 * Shows the problems: each one the page has a control for goes next to that control; the summary
 * lists all of them (with a link to the control where there is one) and takes focus.
 */
export function showErrors(summary: HTMLElement, title: string, detail: string, problems: readonly FieldProblem[]): void {
  clearErrors(summary);
  const items: HTMLElement[] = [];
  const byField = new Map<string, string[]>();
  for (const problem of problems) {
    const field = fieldFor(problem.path);
    if (field) byField.set(field, [...(byField.get(field) ?? []), problem.message]);
    const label = field ? LABELS[field] : problem.path || 'Request';
    const controlId = field ? CONTROLS[field] : undefined;
    const text = `${label}: ${problem.message}`;
    items.push(h('li', {}, controlId ? h('a', { href: `#${controlId}`, 'data-focus': controlId }, text) : text));
  }
  for (const [field, messages] of byField) {
    const slot = errorSlot(field);
    const control = document.getElementById(CONTROLS[field] ?? '');
    if (slot) {
      slot.textContent = messages.join(' ');
      slot.hidden = false;
    }
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      if (slot) describedBy(control, slot.id, true);
    }
  }
  summary.append(h('h3', {}, title));
  if (detail && problems.length === 0) summary.append(h('p', {}, detail));
  if (items.length > 0) summary.append(h('ul', {}, ...items));
  summary.hidden = false;
  summary.focus();
}

/** Summary links move focus to the field (and scroll it into view) instead of only jumping. */
export function wireSummaryLinks(summary: HTMLElement): void {
  summary.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-focus]');
    const target = link ? document.getElementById(link.dataset.focus ?? '') : null;
    if (!target) return;
    event.preventDefault();
    const focusable = target instanceof HTMLFieldSetElement ? target.querySelector<HTMLElement>('input') : target;
    focusable?.focus();
    target.scrollIntoView({ block: 'center' });
  });
}
