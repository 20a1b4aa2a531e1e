import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks the content width of its host element and asks the host to re-render when it changes,
 * so charts draw at their real size at 390 px and at 1440 px alike.
 */
export class ResizeController implements ReactiveController {
  width: number;
  private readonly host: ReactiveControllerHost & HTMLElement;
  private observer?: ResizeObserver;

  constructor(host: ReactiveControllerHost & HTMLElement, initialWidth = 600) {
    this.host = host;
    this.width = initialWidth;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0].contentRect.width);
      if (width > 0 && width !== this.width) {
        this.width = width;
        this.host.requestUpdate();
      }
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }
}
