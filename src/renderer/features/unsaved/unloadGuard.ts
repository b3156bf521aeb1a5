// Holds a window close (or reload) up while an incident has changes that could not be saved. In
// the browser, `beforeunload` makes the browser ask "Leave site?"; in Electron the close is
// cancelled silently, and the app asks its own question (retry, export a copy, or stay). Once the
// user has resolved it, `allowClose` lets the next close through.

export interface UnloadGuard {
  /** The user resolved every unsaved incident (saved, or exported and discarded): let the next close go. */
  allowClose(): void;
  dispose(): void;
}

export function installUnloadGuard(target: EventTarget, hasUnsaved: () => boolean, onHeld: () => void): UnloadGuard {
  let allowed = false;
  const onBeforeUnload = (event: Event): void => {
    if (allowed || !hasUnsaved()) return;
    event.preventDefault();
    // Listeners that act on a close going ahead (a room saying goodbye to its peers) must not
    // run for one held up: this guard is installed at start-up, before any of them.
    event.stopImmediatePropagation();
    // Older Chromium (and Electron's own check) read returnValue rather than defaultPrevented.
    // Browsers show their own wording; this text is only read by code, so it is not translated.
    Reflect.set(event, 'returnValue', 'Changes are not saved');
    onHeld();
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return {
    allowClose() {
      allowed = true;
    },
    dispose() {
      target.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
}
