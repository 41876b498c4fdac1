// Redraws a chart when its container changes width (rotation, resizing), at most once a frame.
const draws = new WeakMap<Element, () => void>();
const widths = new WeakMap<Element, number>();
let frame = 0;
const pending = new Set<Element>();

const observer =
  typeof ResizeObserver === 'undefined'
    ? undefined
    : new ResizeObserver((entries) => {
        for (const entry of entries) {
          const width = Math.round(entry.contentRect.width);
          if (width === 0 || widths.get(entry.target) === width) continue;
          widths.set(entry.target, width);
          pending.add(entry.target);
        }
        if (pending.size > 0 && frame === 0) {
          frame = requestAnimationFrame(() => {
            frame = 0;
            for (const target of pending) draws.get(target)?.();
            pending.clear();
          });
        }
      });

/** Draws now, and again whenever the container's width changes. */
export function drawResponsive(container: HTMLElement, draw: () => void): void {
  draws.set(container, draw);
  widths.set(container, Math.round(container.clientWidth));
  draw();
  observer?.observe(container);
}
