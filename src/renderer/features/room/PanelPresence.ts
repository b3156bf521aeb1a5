// Publishes which war-room panel this person is working in, from where the keyboard focus is.
import { useEffect } from 'react';
import { useIncidentSession } from '../../state/incidentContext';

export function usePanelPresence(): void {
  const { network } = useIncidentSession();
  useEffect(() => {
    const onFocus = (event: FocusEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const panel = target?.closest('section.panel');
      const name = panel?.getAttribute('aria-label') ?? panel?.querySelector('h2')?.textContent ?? null;
      network.setPanel(name ? name.trim().slice(0, 60) : null);
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [network]);
}
