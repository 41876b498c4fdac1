// The page's entry point: load the catalogue into the profile form, then wire the three views.
import { ApiProblem } from './api.js';
import { byId } from './dom.js';
import { showErrors } from './field-errors.js';
import { loadCatalogue } from './profile.js';
import { setUpTabs } from './tabs.js';
import { setUpCompare } from './views/compare.js';
import { setUpEarn } from './views/earn.js';
import { setUpOffer } from './views/offer.js';

async function start(): Promise<void> {
  const tabs = setUpTabs(byId('views', HTMLDivElement).querySelector<HTMLElement>('[role="tablist"]') as HTMLElement);
  let catalogue: Awaited<ReturnType<typeof loadCatalogue>>;
  try {
    catalogue = await loadCatalogue();
  } catch (error) {
    const problem = error instanceof ApiProblem ? error : new ApiProblem(0, 'Could not load the page', String(error));
    showErrors(byId(`${tabs.current()}-errors`, HTMLDivElement), problem.title, problem.detail, []);
    return;
  }
  const runs: Record<string, () => Promise<void>> = {
    earn: setUpEarn(catalogue),
    offer: setUpOffer(catalogue),
    compare: setUpCompare(catalogue),
  };
  // Enter in a profile field runs the view on show.
  byId('profile', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    void runs[tabs.current()]?.();
  });
  document.body.dataset.ready = 'true';
}

void start();
