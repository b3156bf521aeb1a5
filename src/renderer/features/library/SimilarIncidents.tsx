// "Similar past incidents" in the war room: other stored incidents that share affected services
// or telling words with this one, each opening that incident. Read from the stored search
// digests once per visit, never by opening the other incidents.
import { useEffect, useMemo, useState } from 'react';
import { digestOf, type IncidentDigest } from '@core/incidentDigest';
import { findSimilarIncidents } from '@core/similarity';
import { useServices } from '../../app/services';
import { useIncidentInfo, useIncidentSession } from '../../state/incidentContext';
import { uiI18n, useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import './library.css';
import { FocusButton, usePanelFocus } from '../warroom/panelFocus';

export function SimilarIncidents() {
  const t = useT('app');
  const { library } = useServices();
  const { id: libraryId, store } = useIncidentSession();
  const incident = useIncidentInfo();
  const openIncident = useUiStore((s) => s.openIncident);
  const [digests, setDigests] = useState<readonly IncidentDigest[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    library.searchDigests.list().then(
      (list) => live && setDigests(list),
      (error: unknown) => {
        console.error('Sitrep: reading past incidents for similarity failed', error);
        if (live) setProblem(uiI18n().t('app:similar.readFailed', { error: error instanceof Error ? error.message : String(error) }));
      },
    );
    return () => {
      live = false;
    };
  }, [library]);

  // Recomputed when the incident's headline changes, not on every timeline entry: the timeline
  // as it stands when the title, summary or services last changed is telling enough.
  const similar = useMemo(() => {
    if (!digests || !incident) return [];
    // Stored digests are keyed by this library's id for the incident, which on a laptop that
    // joined the room is not the id in the document: compare by the library id, or the open
    // incident is listed as similar to itself.
    const target = { ...digestOf(incident, store.get('timeline'), store.get('people')), id: libraryId };
    return findSimilarIncidents(target, digests, { limit: 5 });
  }, [digests, incident, store, libraryId]);
  const titles = useMemo(() => new Map(digests?.map((d) => [d.id, d.title]) ?? []), [digests]);

  // Folded by default: useful on the way in, not what the room must see at a glance.
  const [open, setOpen] = useState(false);
  const focus = usePanelFocus('similar');
  const shown = open || focus.focused;
  return (
    <section className={`panel panel-similar${focus.className}`} aria-label={t('similar.title')} hidden={focus.hidden}>
      <div className="panel-head">
        <h2>
          <button
            type="button"
            className="fold-toggle panel-fold"
            aria-expanded={shown}
            onClick={() => setOpen(!open)}
            disabled={focus.focused}
          >
            <span className="fold-caret" aria-hidden="true">
              {shown ? '▾' : '▸'}
            </span>
            {digests ? t('similar.heading', { count: similar.length }) : t('similar.headingLoading')}
          </button>
        </h2>
        <span className="spacer" />
        <FocusButton panel="similar" name={t('similar.title')} />
      </div>
      <div className="panel-body" hidden={!shown && !problem}>
        {problem && <p className="danger-text">{problem}</p>}
        {digests && similar.length === 0 && <p className="panel-empty">{t('similar.none')}</p>}
        {similar.length > 0 && (
          <ul className="similar-list">
            {similar.map((s) => (
              <li key={s.id}>
                <button type="button" className="similar-item" onClick={() => openIncident(s.id)}>
                  <span aria-hidden="true">↗</span>
                  <span className="similar-title" title={titles.get(s.id)}>
                    {titles.get(s.id) || t('similar.untitled')}
                  </span>
                  <span className="similar-why">{reasonText(s.sharedServices, s.sharedWords, t)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** "Same services: checkout-api · also: pool, timeout", or "Shared words: pool, timeout". */
function reasonText(services: readonly string[], words: readonly string[], t: ReturnType<typeof useT<'app'>>): string {
  // Words taken from the incidents themselves, separated as the UI language separates a list ("、" in Japanese).
  const list = (items: readonly string[]) => items.join(t('listSeparator'));
  const shown = list(words.slice(0, 4));
  if (services.length === 0) return t('similar.sharedWords', { words: shown });
  return shown
    ? t('similar.sameServicesAlso', { services: list(services), words: shown })
    : t('similar.sameServices', { services: list(services) });
}
