// The three views as ARIA tabs: arrow keys, Home and End move between them, the URL hash
// (#earn, #offer, #compare) remembers the one shown.

export interface Tabs {
  /** Name of the view shown: earn, offer or compare. */
  readonly current: () => string;
}

/** Wires the tablist; `onShow` runs whenever a view is shown. */
export function setUpTabs(tablist: HTMLElement, onShow: (name: string) => void = () => {}): Tabs {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const nameOf = (tab: HTMLButtonElement) => tab.id.replace(/^tab-/, '');
  let current = tabs[0] ? nameOf(tabs[0]) : '';

  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !on;
    }
    if (focus) tab.focus();
    current = nameOf(tab);
    if (location.hash !== `#${current}`) history.replaceState(null, '', `#${current}`);
    onShow(current);
  };

  tablist.addEventListener('click', (event) => {
    const tab = (event.target as Element | null)?.closest<HTMLButtonElement>('[role="tab"]');
    if (tab) select(tab, false);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const last = tabs.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    const tab = next === undefined ? undefined : tabs[next];
    if (!tab) return;
    event.preventDefault();
    select(tab, true);
  });

  const fromHash = () => tabs.find((t) => `#${nameOf(t)}` === location.hash);
  const initial = fromHash();
  if (initial) select(initial, false);
  window.addEventListener('hashchange', () => {
    const tab = fromHash();
    if (tab) select(tab, false);
  });
  return { current: () => current };
}
