// The lessons' figures (PlotFigure) and the demos' are laid out at their box's width rather than
// scaled down from their own, so their text keeps its size on a phone; and drawn again when that
// width changes (a window resized, a phone turned).
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

/** The width to lay a figure out at inside `box` (its content width), or undefined before layout. */
export function widthOf(box: HTMLElement | null | undefined): number | undefined {
  const width = Math.floor(box?.clientWidth ?? 0);
  return width > 0 ? width : undefined;
}

/**
 * Calls `redraw` whenever the width of `box` changes after the component mounted (its first
 * drawing is the component's own).
 */
export function onWidthChange(box: Ref<HTMLElement | null>, redraw: () => void): void {
  let last = 0;
  let observer: ResizeObserver | null = null;
  onMounted(() => {
    if (typeof ResizeObserver === 'undefined' || !box.value) return;
    observer = new ResizeObserver(() => {
      const width = widthOf(box.value) ?? 0;
      if (width === 0 || width === last) return;
      const first = last === 0;
      last = width;
      if (!first) redraw();
    });
    observer.observe(box.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
}
