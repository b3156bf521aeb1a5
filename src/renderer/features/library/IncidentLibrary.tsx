// Home's list of incidents with full-text search over titles, summaries, services and timelines,
// and filters by severity, phase and declaration date. The index is built once per Home visit.
// Archived incidents stay out of the lists until asked for, and search finds them, marked.
import { useEffect, useMemo, useState } from 'react';
import type { IncidentDigest } from '@core/incidentDigest';
import { PHASES, SEVERITIES, type Phase, type Severity } from '@core/model';
import { useServices } from '../../app/services';
import { uiI18n, useLanguage, useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import type { CatalogEntry } from '../../sync/storage';
import { DeleteIncidentDialog, displayTitle } from './DeleteIncidentDialog';
import { IncidentList, type LibraryActions, type ListedIncident } from './IncidentList';
import { LibraryIndex, NO_FILTERS, type LibraryFilters } from './libraryIndex';
import './library.css';
import { useAction } from '../commands/registry';

/** "2025-03-12" from a date input, as the start of that day on this computer. */
function startOfLocalDay(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const at = new Date(`${value}T00:00:00`).getTime();
  return Number.isFinite(at) ? at : null;
}

function nextLocalDay(value: string): number | null {
  const start = startOfLocalDay(value);
  if (start === null) return null;
  const date = new Date(start);
  date.setDate(date.getDate() + 1);
  return date.getTime();
}

const isActive = (entry: CatalogEntry) => entry.phase !== 'resolved' && entry.phase !== 'closed';

const isArchived = (item: ListedIncident) => item.entry.archivedAt !== null;

export function IncidentLibrary({
  entries,
  onOpen,
  onChanged,
}: {
  entries: readonly CatalogEntry[];
  onOpen: (id: string) => void;
  /** The catalog changed here (archived, restored, deleted): list it again. */
  onChanged: () => void;
}) {
  const t = useT('app');
  const tc = useT('common');
  // Passages of automatic entries are shown in the reader's language.
  const language = useLanguage();
  const { library } = useServices();
  const showToast = useUiStore((s) => s.showToast);
  const [showArchived, setShowArchived] = useState(false);
  const [deleting, setDeleting] = useState<CatalogEntry | null>(null);
  const [digests, setDigests] = useState<readonly IncidentDigest[]>([]);
  const [digestError, setDigestError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [phase, setPhase] = useState<Phase | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useAction('incident.search', () => document.getElementById('library-query')?.focus());

  useEffect(() => {
    let live = true;
    library.searchDigests.list().then(
      (list) => live && setDigests(list),
      (error: unknown) => {
        console.error('Sitrep: reading the search index failed', error);
        if (live) setDigestError(uiI18n().t('app:library.digestFailed', { error: error instanceof Error ? error.message : String(error) }));
      },
    );
    return () => {
      live = false;
    };
  }, [library]);

  const index = useMemo(() => new LibraryIndex(entries, digests), [entries, digests]);
  const filtering = query.trim() !== '' || severity !== '' || phase !== '' || from !== '' || to !== '';
  const found = useMemo(() => {
    const filters: LibraryFilters = {
      ...NO_FILTERS,
      query,
      severity: severity || null,
      phase: phase || null,
      from: startOfLocalDay(from),
      until: nextLocalDay(to),
    };
    return index.find(filters, language);
  }, [index, query, severity, phase, from, to, language]);
  const actions: LibraryActions = useMemo(
    () => ({
      archive: (entry) => {
        library.incidents.archive(entry.id).then(
          () => {
            showToast(t('library.archived', { title: displayTitle(entry) }), 'info');
            onChanged();
          },
          (error: unknown) => {
            console.error('Sitrep: archiving an incident failed', error);
            showToast(
              t('library.archiveFailed', { title: displayTitle(entry), error: error instanceof Error ? error.message : String(error) }),
            );
          },
        );
      },
      restore: (entry) => {
        library.incidents.restore(entry.id).then(
          () => {
            showToast(t('library.restored', { title: displayTitle(entry) }), 'info');
            onChanged();
          },
          (error: unknown) => {
            console.error('Sitrep: restoring an incident failed', error);
            showToast(
              t('library.restoreFailed', { title: displayTitle(entry), error: error instanceof Error ? error.message : String(error) }),
            );
          },
        );
      },
      delete: setDeleting,
    }),
    [library, showToast, onChanged, t],
  );
  const archivedCount = entries.filter((entry) => entry.archivedAt !== null).length;
  const clear = () => {
    setQuery('');
    setSeverity('');
    setPhase('');
    setFrom('');
    setTo('');
  };

  return (
    <>
      <search className="library-tools" aria-label={t('library.searchRegion')}>
        <div className="field">
          <label htmlFor="library-query">{t('library.searchLabel')}</label>
          <input
            id="library-query"
            type="search"
            className="input"
            placeholder={t('library.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
          />
        </div>
        <div className="field">
          <label htmlFor="library-severity">{t('library.severityLabel')}</label>
          <select id="library-severity" className="select" value={severity} onChange={(e) => setSeverity(e.target.value as Severity | '')}>
            <option value="">{t('library.anySeverity')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="library-phase">{t('library.phaseLabel')}</label>
          <select id="library-phase" className="select" value={phase} onChange={(e) => setPhase(e.target.value as Phase | '')}>
            <option value="">{t('library.anyPhase')}</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {tc(`phase.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="library-from">{t('library.from')}</label>
          <input id="library-from" type="date" className="input" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="library-to">{t('library.to')}</label>
          <input id="library-to" type="date" className="input" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <button type="button" className="btn" onClick={clear} disabled={!filtering}>
          {t('library.clear')}
        </button>
      </search>
      {digestError && (
        <p className="form-error" role="alert">
          {digestError}
        </p>
      )}
      {filtering ? (
        <>
          <p className="library-count" role="status">
            {found.length === 0 ? t('library.noMatch') : t('library.matchCount', { found: found.length, total: index.size })}
          </p>
          {found.length > 0 && <IncidentList group="matching" items={found} onOpen={onOpen} actions={actions} heading={false} />}
        </>
      ) : (
        <GroupedByState items={found} onOpen={onOpen} actions={actions} showArchived={showArchived} />
      )}
      {archivedCount > 0 && (
        <p className="archived-toggle">
          <button type="button" className="btn btn-small" aria-pressed={showArchived} onClick={() => setShowArchived(!showArchived)}>
            {showArchived ? t('library.hideArchived', { count: archivedCount }) : t('library.showArchived', { count: archivedCount })}
          </button>{' '}
          <span className="muted">{t('library.archivedNote')}</span>
        </p>
      )}
      <DeleteIncidentDialog
        entry={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(entry) => {
          showToast(t('library.deleted', { title: displayTitle(entry) }), 'info');
          onChanged();
        }}
      />
    </>
  );
}

function GroupedByState({
  items,
  onOpen,
  actions,
  showArchived,
}: {
  items: readonly ListedIncident[];
  onOpen: (id: string) => void;
  actions: LibraryActions;
  showArchived: boolean;
}) {
  const t = useT('app');
  const listed = items.filter((item) => !isArchived(item));
  const active = listed.filter((item) => isActive(item.entry));
  const past = listed.filter((item) => !isActive(item.entry));
  const archived = items.filter(isArchived);
  return (
    <>
      {listed.length === 0 && !showArchived && <p className="library-count">{t('library.allArchived')}</p>}
      {active.length > 0 && <IncidentList group="active" items={active} onOpen={onOpen} actions={actions} />}
      {past.length > 0 && <IncidentList group="past" items={past} onOpen={onOpen} actions={actions} />}
      {showArchived && archived.length > 0 && <IncidentList group="archived" items={archived} onOpen={onOpen} actions={actions} />}
    </>
  );
}
