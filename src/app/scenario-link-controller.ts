import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Model } from '../engine/index.ts';
import { hasScenario, scenarioHash } from '../engine/io/index.ts';

const OWN_LINKS_KEY = 'budget-sim:own-links';

/**
 * The address bar as a share link: the URL's hash always holds the plan on screen (written
 * without adding history entries), and a link pasted into the address bar of an open tab is
 * opened. The links this tab wrote are remembered (as fingerprints, in this tab's
 * sessionStorage) so that a reload reopens the tab's own work rather than treating its own
 * address as a link from elsewhere. The format of the hash is the engine's (io/scenario-link.ts).
 */
export class ScenarioLinkController implements ReactiveController {
  /** The hash this tab last wrote, so its own URL updates are not read back as a new link. */
  private writtenHash = '';
  private readonly openLink: (href: string) => void;
  private readonly onHashChange = () => {
    if (hasScenario(location.hash) && location.hash !== this.writtenHash) this.openLink(location.href);
  };

  /** @param openLink called with the address when the person puts another link in the address bar */
  constructor(host: ReactiveControllerHost, openLink: (href: string) => void) {
    this.openLink = openLink;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.onHashChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }

  /** Notes that the address's link was opened at start, so it is not opened again. */
  markOpened(hash: string): void {
    this.writtenHash = hash;
  }

  /** Keeps the URL a link to `model`, without adding a history entry. */
  write(model: Model): void {
    const hash = scenarioHash(model);
    if (hash === this.writtenHash) return;
    this.writtenHash = hash;
    rememberOwnLink(hash);
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  }

  /**
   * Copies a link to `model` to the clipboard; returns the link and whether it was copied (a
   * browser may refuse, and then the person copies it from the message).
   */
  async copy(model: Model): Promise<{ link: string; copied: boolean }> {
    const link = `${location.origin}${location.pathname}${scenarioHash(model)}`;
    try {
      await navigator.clipboard.writeText(link);
      return { link, copied: true };
    } catch {
      return { link, copied: false };
    }
  }
}

/** A short fingerprint of a link, to remember which links this tab wrote without storing them. */
function fingerprint(hash: string): string {
  let value = 2166136261;
  for (let index = 0; index < hash.length; index += 1) value = Math.imul(value ^ hash.charCodeAt(index), 16777619) >>> 0;
  return `${hash.length}:${value.toString(36)}`;
}

/** Records, for this tab only (sessionStorage), that it wrote this link into its address bar. */
function rememberOwnLink(hash: string): void {
  try {
    const known = (sessionStorage.getItem(OWN_LINKS_KEY) ?? '').split(' ').filter(Boolean);
    sessionStorage.setItem(OWN_LINKS_KEY, [...known.slice(-19), fingerprint(hash)].join(' '));
  } catch {
    // Without sessionStorage a reload opens the address's link, which is at most a moment behind.
  }
}

/** True when this tab wrote this link into its own address bar (so a reload is not a new link). */
export function isOwnLink(hash: string): boolean {
  try {
    return (sessionStorage.getItem(OWN_LINKS_KEY) ?? '').split(' ').includes(fingerprint(hash));
  } catch {
    return false;
  }
}
