// The incident's own facts (title, summary, impact, affected services): shown compactly under the
// header where the IC sees them, and editable by anyone in the room at any time.
import { useEffect, useState } from 'react';
import type { IncidentInfo } from '@core/model';
import { useServices } from '../../app/services';
import { useCommand, useIncidentInfo, useIncidentSession } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import './incidentDetails.css';
import { useAction } from '../commands/registry';
import { uiI18n, useT } from '../../i18n';
import { useCompositionGuard } from '../timeline/imeGuard';

/** The impact and summary in one line each, with the affected services; "Edit details" opens the form. */
export function IncidentFacts() {
  const t = useT('warroom');
  const incident = useIncidentInfo();
  const [open, setOpen] = useState(false);
  useAction('incident.details', () => setOpen(true));
  if (!incident) return null;
  return (
    <section className="incident-facts" aria-label={t('facts.region')}>
      <dl>
        <div className={incident.impact ? undefined : 'unset'}>
          <dt>{t('facts.impact')}</dt>
          <dd title={incident.impact || undefined}>{incident.impact || t('facts.impactUnset')}</dd>
        </div>
        <div className={incident.summary ? undefined : 'unset'}>
          <dt>{t('facts.summary')}</dt>
          <dd title={incident.summary || undefined}>{incident.summary || t('facts.summaryUnset')}</dd>
        </div>
        <div className={incident.services.length > 0 ? undefined : 'unset'}>
          <dt>{t('facts.services')}</dt>
          <dd title={incident.services.join(t('facts.servicesSeparator')) || undefined}>
            {incident.services.join(t('facts.servicesSeparator')) || t('facts.servicesUnset')}
          </dd>
        </div>
      </dl>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {t('facts.edit')}
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
        if (live) setProblem(uiI18n().t('warroom:details.servicesProblem'));
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
  const t = useT('warroom');
  const ime = useCompositionGuard();
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
      title={t('details.title')}
      description={t('details.description')}
      submitLabel={t('details.submit')}
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
        <label htmlFor="details-title">{t('details.titleField')}</label>
        <input id="details-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="details-impact">{t('facts.impact')}</label>
        <textarea
          id="details-impact"
          className="textarea"
          rows={2}
          placeholder={t('details.impactPlaceholder')}
          value={impact}
          onChange={(e) => setImpact(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="details-summary">{t('facts.summary')}</label>
        <textarea
          id="details-summary"
          className="textarea"
          rows={3}
          placeholder={t('details.summaryPlaceholder')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
      </div>
      <div className="field">
        <span className="field-label" id="details-services-label">
          {t('details.affectedServices')}
        </span>
        {services.length > 0 ? (
          <ul className="service-list" aria-labelledby="details-services-label">
            {services.map((service) => (
              <li key={service} className="service-chip">
                <span>{service}</span>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  aria-label={t('details.removeService', { service })}
                  onClick={() => setServices(services.filter((s) => s !== service))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="faint" style={{ margin: '2px 0 6px', fontSize: 12 }}>
            {t('details.noServicesYet')}
          </p>
        )}
        <div className="form-row" style={{ alignItems: 'center' }}>
          <input
            className="input"
            aria-label={t('details.serviceToAdd')}
            list="known-services"
            placeholder={t('details.servicePlaceholder')}
            value={newService}
            onChange={(e) => setNewService(e.target.value)}
            onCompositionStart={ime.onCompositionStart}
            onCompositionEnd={ime.onCompositionEnd}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              // The Enter that ends an IME conversion is the IME's: neither add nor save the form.
              if (ime.composing(e)) {
                // Outside the composition itself (the Enter right after it ended), the form must not take it either.
                if (!e.nativeEvent.isComposing) e.preventDefault();
                return;
              }
              // Enter adds the service instead of saving the whole form.
              if (addService()) e.preventDefault();
            }}
          />
          <button type="button" className="btn" onClick={addService}>
            {t('details.addService')}
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
