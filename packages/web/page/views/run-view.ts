// What every view does on submit: cancel the previous request, mark the panel busy, show the
// answer, or put the problems next to their fields.
import { ApiProblem } from '../api.js';
import { byId } from '../dom.js';
import { clearErrors, showErrors, wireSummaryLinks } from '../field-errors.js';

export interface ViewElements {
  readonly form: HTMLFormElement;
  readonly errors: HTMLElement;
  readonly status: HTMLElement;
  readonly result: HTMLElement;
}

/** The form, error summary, status line and result area of the view named `name` in index.html. */
export function viewElements(name: string): ViewElements {
  const errors = byId(`${name}-errors`, HTMLDivElement);
  wireSummaryLinks(errors);
  return {
    form: byId(`${name}-form`, HTMLFormElement),
    errors,
    status: byId(`${name}-status`, HTMLParagraphElement),
    result: byId(`${name}-result`, HTMLDivElement),
  };
}

/**
 * Wires a view: `load` asks the API and returns the status sentence after drawing the result.
 * Returns the function that runs the view (the profile form calls it too).
 */
export function runView(view: ViewElements, load: (signal: AbortSignal) => Promise<string>): () => Promise<void> {
  let current: AbortController | undefined;
  const run = async () => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    clearErrors(view.errors);
    view.status.textContent = 'Asking the PayLens API…';
    view.result.setAttribute('aria-busy', 'true');
    // Visible while drawing, so the charts can measure their width.
    view.result.hidden = false;
    try {
      const sentence = await load(controller.signal);
      if (controller.signal.aborted) return;
      view.status.textContent = sentence;
    } catch (error) {
      if (controller.signal.aborted) return;
      view.status.textContent = '';
      view.result.hidden = true;
      if (error instanceof ApiProblem) {
        const detail = error.errors.length > 0 ? '' : error.detail;
        showErrors(view.errors, error.errors.length > 0 ? 'Please check these fields' : error.title, detail, error.errors);
      } else {
        showErrors(view.errors, 'Something went wrong', 'The page could not show this answer. Please try again.', []);
        console.error(error);
      }
    } finally {
      if (current === controller) view.result.removeAttribute('aria-busy');
    }
  };
  view.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  return run;
}
