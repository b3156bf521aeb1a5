// Home: the incidents on this laptop, active first, and the way to declare a new one.
import { useEffect, useState } from 'react';
import { useServices, type CatalogEntry } from '../../app/services';
import { useUiStore } from '../../state/uiStore';
import { formatDateTime } from '../../ui/time';

export function HomeScreen() {
  const { library, sessions } = useServices();
  const setDeclareOpen = useUiStore((s) => s.setDeclareOpen);
  const openIncident = useUiStore((s) => s.openIncident);
  const [entries, setEntries] = useState<readonly CatalogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    sessions
      .settled()
      .then(() => library.listIncidents())
      .then((list) => live && setEntries(list))
      .catch((e: unknown) => {
        console.error('Sitrep: listing incidents failed', e);
        if (live) setError(`The incident library could not be read: ${e instanceof Error ? e.message : String(e)}`);
      });
    return () => {
      live = false;
    };
  }, [library, sessions]);

  const active = entries?.filter((e) => e.phase !== 'resolved' && e.phase !== 'closed') ?? [];
  const past = entries?.filter((e) => e.phase === 'resolved' || e.phase === 'closed') ?? [];

  return (
    <main className="home" aria-labelledby="home-heading">
      <div className="home-head">
        <div>
          <h1 id="home-heading">Incidents</h1>
          <p className="muted" style={{ margin: '4px 0 0' }}>Stored on this laptop. Works without a network.</p>
        </div>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setDeclareOpen(true)}>
          Declare incident
        </button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {entries && entries.length === 0 && (
        <div className="empty-state">
          <h2>No incidents yet</h2>
          <p>When something is on fire, declare an incident. You become incident commander and the clock starts.</p>
          <button type="button" className="btn btn-primary" onClick={() => setDeclareOpen(true)}>Declare incident</button>
        </div>
      )}
      {active.length > 0 && <IncidentList label="Active" entries={active} onOpen={openIncident} />}
      {past.length > 0 && <IncidentList label="Resolved and closed" entries={past} onOpen={openIncident} />}
    </main>
  );
}

function IncidentList({ label, entries, onOpen }: { label: string; entries: readonly CatalogEntry[]; onOpen: (id: string) => void }) {
  return (
    <section aria-label={`${label} incidents`}>
      <h2 className="section-label">{label}</h2>
      <ul className="incident-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <button type="button" className={`incident-row ${entry.readable ? '' : 'unreadable'}`} onClick={() => onOpen(entry.id)}>
              <span className={`badge sev-${entry.severity ?? 'none'}`}>{entry.severity ?? '—'}</span>
              <span>
                <span className="title">{entry.title || 'Waiting for the first sync…'}</span>
                <span className="meta" style={{ display: 'block' }}>
                  {entry.declaredAt !== null ? `Declared ${formatDateTime(entry.declaredAt)} · ` : ''}updated {formatDateTime(entry.updatedAt)}
                  {!entry.readable && <span className="danger-text"> · {entry.problem?.message ?? 'cannot be read'}</span>}
                </span>
              </span>
              <span className={`phase phase-${entry.phase ?? 'unknown'}`}>{entry.phase ?? ''}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
