import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Runs a save a moment after the last edit instead of on every keystroke or slider step, and
 * at once when the page is hidden or closed, so nothing typed is ever lost but a drag of the
 * slider does not write storage sixty times a second.
 */
export class DeferredSaveController implements ReactiveController {
  private pending: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly delayMs: number;
  private readonly flushNow = () => this.flush();
  private readonly onVisibility = () => { if (document.visibilityState === 'hidden') this.flush(); };

  constructor(host: ReactiveControllerHost, delayMs = 250) {
    this.delayMs = delayMs;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.flushNow);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    this.flush();
    window.removeEventListener('pagehide', this.flushNow);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** Replaces any save still waiting with this one. */
  schedule(save: () => void): void {
    this.pending = save;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.flushNow, this.delayMs);
  }

  /** Runs the waiting save now, if there is one. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const save = this.pending;
    this.pending = undefined;
    save?.();
  }
}
