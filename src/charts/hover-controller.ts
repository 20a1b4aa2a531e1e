import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Which data point a chart highlights, from the pointer or the keyboard: arrow keys step
 * through points, Home and End jump to the ends, Escape clears. The host re-renders on change.
 */
export class HoverController implements ReactiveController {
  index: number | undefined;
  /** Pointer position within the plot, for placing the tooltip; keyboard moves use the point's own position. */
  pointer: { x: number; y: number } | undefined;
  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Call from pointermove with the index under the pointer (or undefined outside the data). */
  point(index: number | undefined, pointer?: { x: number; y: number }): void {
    if (index === this.index && pointer?.x === this.pointer?.x) return;
    this.index = index;
    this.pointer = pointer;
    this.host.requestUpdate();
  }

  /**
   * Call from pointermove on the chart's SVG: converts the pointer to the SVG's viewBox units
   * (the drawing may be scaled to fit), asks `indexAt` which point that is, and highlights it.
   */
  pointAt(event: PointerEvent, viewBoxWidth: number, count: number, indexAt: (viewBoxX: number) => number): void {
    const element = event.currentTarget as Element;
    const pointer = pointerWithin(event, element);
    const scale = viewBoxWidth / (element.getBoundingClientRect().width || 1);
    const index = indexAt(pointer.x * scale);
    this.point(index >= 0 && index < count ? index : undefined, pointer);
  }

  clear(): void {
    this.point(undefined);
  }

  /** Call from keydown on the focusable plot; returns true when it handled the key. */
  key(event: KeyboardEvent, count: number): boolean {
    const last = count - 1;
    const current = this.index;
    let next: number | undefined;
    if (event.key === 'ArrowRight' || event.key === 'ArrowUp') next = current === undefined ? 0 : Math.min(last, current + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') next = current === undefined ? last : Math.max(0, current - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    else if (event.key === 'Escape') { this.clear(); return true; }
    else return false;
    event.preventDefault();
    this.point(next);
    return true;
  }
}

/** Pointer position relative to an element's box, in that element's pixels. */
export function pointerWithin(event: PointerEvent, element: Element): { x: number; y: number } {
  const box = element.getBoundingClientRect();
  return { x: event.clientX - box.left, y: event.clientY - box.top };
}
