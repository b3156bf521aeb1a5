// The incident's own facts (title, summary, impact, affected services): shown compactly under the
// header where the IC sees them, and editable by anyone in the room at any time.
import { useEffect, useState } from 'react';
import type { IncidentInfo } from '@core/model';
import { useServices } from '../../app/services';
import { useCommand, useIncidentInfo, useIncidentSession } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import './incidentDetails.css';
import { useAction } from '../commands/registry';

/** The impact and summary in one line each, with the affected services; "Edit details" opens the form. */
export function IncidentFacts() {
  const incident = useIncidentInfo();
  const [open, setOpen] = useState(false);
  useAction('incident.details', () => setOpen(true));
  if (!incident) return null;
  return (
    <section className="incident-facts" aria-label="Incident details">
      <dl>
        <div className={incident.impact ? undefined : 'unset'}>
          <dt>Impact</dt>
          <dd title={incident.impact || undefined}>{incident.impact || 'Not yet assessed'}</dd>
        </div>
        <div className={incident.summary ? undefined : 'unset'}>
          <dt>Summary</dt>
          <dd title={incident.summary || undefined}>{incident.summary || 'None written'}</dd>
        </div>
        <div className={incident.services.length > 0 ? undefined : 'unset'}>
          <dt>Services</dt>
          <dd title={incident.services.join(', ') || undefined}>{incident.services.join(', ') || 'None listed'}</dd>
        </div>
      </dl>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Edit details
      </button>
      {open && <IncidentDetailsDialog incident={incident} open={open} onOpenChange={setOpen} />}
    </section>
  );
}

/**
 * The services named in the other incidents of the library, for the service field's suggestions;
 * read from the stored search digests, never by opening the incidents.
 */
function useServicesSeenBefore(): { services: readonly string[]; problem: string | null } {
  const { library } = useServices();
  const { id } = useIncidentSession();
  const [services, setServices] = useState<readonly string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    library.searchDigests.list().then(
      (digests) => {
        if (!live) return;
        const byName = new Map<string, string>();
        for (const digest of digests) {
          if (digest.id === id) continue;
          for (const service of digest.services)
            if (!byName.has(service.toLocaleLowerCase())) byName.set(service.toLocaleLowerCase(), service);
        }
        setServices([...byName.values()].sort((a, b) => a.localeCompare(b)));
      },
      (error: unknown) => {
        console.error('Sitrep: reading the services of past incidents failed', error);
        if (live) setProblem('The services of past incidents could not be read; type the names.');
      },
    );
    return () => {
      live = false;
    };
  }, [library, id]);
  return { services, problem };
}

function IncidentDetailsDialog({
  incident,
  open,
  onOpenChange,
}: {
  incident: IncidentInfo;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const run = useCommand();
  // The form starts from the incident as it was when opened; a peer's edit meanwhile is overwritten
  // only in the fields this person changes, since the command skips unchanged ones.
  const [title, setTitle] = useState(incident.title);
  const [summary, setSummary] = useState(incident.summary);
  const [impact, setImpact] = useState(incident.impact);
  const [services, setServices] = useState<readonly string[]>(incident.services);
  const [newService, setNewService] = useState('');
  const seenBefore = useServicesSeenBefore();

  const addService = (): boolean => {
    const name = newService.trim();
    if (!name) return false;
    if (!services.some((s) => s.toLocaleLowerCase() === name.toLocaleLowerCase())) setServices([...services, name]);
    setNewService('');
    return true;
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Incident details"
      description="What the room, the status updates, the review and the exports say about this incident."
      submitLabel="Save details"
      wide
      onSubmit={() => {
        // A service typed but not yet added with its button is meant to be in the list.
        const pending = newService.trim();
        const allServices = pending && !services.includes(pending) ? [...services, pending] : services;
        const changed = {
          ...(title !== incident.title ? { title } : {}),
          ...(summary !== incident.summary ? { summary } : {}),
          ...(impact !== incident.impact ? { impact } : {}),
          ...(allServices.join('\n') !== incident.services.join('\n') ? { services: allServices } : {}),
        };
        return submitted(run((commands) => commands.updateIncidentDetails(changed)));
      }}
    >
      <div className="field">
        <label htmlFor="details-title">Title</label>
        <input id="details-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="details-impact">Impact</label>
        <textarea
          id="details-impact"
          className="textarea"
          rows={2}
          placeholder="Who is affected, and how badly (e.g. EU customers cannot pay; about 30% of checkouts fail)"
          value={impact}
          onChange={(e) => setImpact(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="details-summary">Summary</label>
        <textarea
          id="details-summary"
          className="textarea"
          rows={3}
          placeholder="What is known so far"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
      </div>
      <div className="field">
        <span className="field-label" id="details-services-label">
          Affected services
        </span>
        {services.length > 0 ? (
          <ul className="service-list" aria-labelledby="details-services-label">
            {services.map((service) => (
              <li key={service} className="service-chip">
                <span>{service}</span>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  aria-label={`Remove ${service}`}
                  onClick={() => setServices(services.filter((s) => s !== service))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="faint" style={{ margin: '2px 0 6px', fontSize: 12 }}>
            None listed yet.
          </p>
        )}
        <div className="form-row" style={{ alignItems: 'center' }}>
          <input
            className="input"
            aria-label="Service to add"
            list="known-services"
            placeholder="Service name, e.g. payments-api"
            value={newService}
            onChange={(e) => setNewService(e.target.value)}
            onKeyDown={(e) => {
              // Enter adds the service instead of saving the whole form.
              if (e.key === 'Enter' && !e.nativeEvent.isComposing && addService()) e.preventDefault();
            }}
          />
          <button type="button" className="btn" onClick={addService}>
            Add service
          </button>
        </div>
        <datalist id="known-services" data-testid="known-services">
          {seenBefore.services
            .filter((service) => !services.includes(service))
            .map((service) => (
              <option key={service} value={service} />
            ))}
        </datalist>
        {seenBefore.problem && <p className="field-hint">{seenBefore.problem}</p>}
      </div>
    </FormDialog>
  );
}
