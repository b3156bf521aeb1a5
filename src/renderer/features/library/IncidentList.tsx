// One list of incidents in the library, each row opening it, with its archive, restore and delete
// actions beside it; search results also say why they matched.
import type { CatalogEntry } from '../../sync/storage';
import { formatDateTime } from '@core/time/instants';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import type { MatchReason } from './libraryIndex';

export interface ListedIncident {
  readonly entry: CatalogEntry;
  readonly reasons: readonly MatchReason[];
}

/** What a person can do to an incident in the library besides opening it. */
export interface LibraryActions {
  archive(entry: CatalogEntry): void;
  restore(entry: CatalogEntry): void;
  /** Asks first: opens the delete confirmation. */
  delete(entry: CatalogEntry): void;
}

/** Which list this is: its heading, and the name of its region. */
export type IncidentListGroup = 'matching' | 'active' | 'past' | 'archived';

export function IncidentList({
  group,
  items,
  onOpen,
  actions,
  heading = true,
}: {
  group: IncidentListGroup;
  items: readonly ListedIncident[];
  onOpen: (id: string) => void;
  actions: LibraryActions;
  heading?: boolean;
}) {
  const t = useT('app');
  const display = useTimeDisplay();
  const tc = useT('common');
  /** The title as actions name it, for an incident still waiting for its first sync too. */
  const nameOf = (entry: CatalogEntry) => entry.title.trim() || t('library.untitledAction');
  return (
    <section aria-label={t(`library.groupRegion.${group}`)}>
      {heading && <h2 className="section-label">{t(`library.group.${group}`)}</h2>}
      <ul className="incident-list">
        {items.map(({ entry, reasons }) => (
          <li key={entry.id} className="incident-item">
            <button
              type="button"
              className={`incident-row ${entry.readable ? '' : 'unreadable'} ${entry.archivedAt === null ? '' : 'archived'}`}
              onClick={() => onOpen(entry.id)}
            >
              <span className={`badge sev-${entry.severity ?? 'none'}`}>{entry.severity ?? '—'}</span>
              <span>
                <span className="title">{entry.title || t('library.waitingForSync')}</span>
                <span className="meta" style={{ display: 'block' }}>
                  {entry.declaredAt !== null
                    ? t('library.declaredUpdated', {
                        declared: formatDateTime(entry.declaredAt, display),
                        updated: formatDateTime(entry.updatedAt, display),
                      })
                    : t('library.updated', { updated: formatDateTime(entry.updatedAt, display) })}
                  {!entry.readable && <span className="danger-text"> · {entry.problem?.message ?? t('library.cannotBeRead')}</span>}
                </span>
                {entry.archivedAt !== null && (
                  <span className="archived-mark">{t('library.archivedMark', { at: formatDateTime(entry.archivedAt, display) })}</span>
                )}
                {reasons.length > 0 && (
                  <span className="match-reasons" data-testid="match-reasons">
                    {reasons.map((reason) => (
                      <span key={reason.field} className="match-reason">
                        <span className="match-field">{t('library.matchedIn', { field: t(`library.field.${reason.field}`) })}</span>{' '}
                        <Highlighted text={reason.excerpt} terms={reason.terms} />
                      </span>
                    ))}
                  </span>
                )}
              </span>
              <span className={`phase phase-${entry.phase ?? 'unknown'}`}>{entry.phase ? tc(`phase.${entry.phase}`) : ''}</span>
            </button>
            <span className="incident-actions">
              {entry.archivedAt === null ? (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t('library.archiveNamed', { title: nameOf(entry) })}
                  onClick={() => actions.archive(entry)}
                >
                  {t('library.archive')}
                </button>
              ) : (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t('library.restoreNamed', { title: nameOf(entry) })}
                  onClick={() => actions.restore(entry)}
                >
                  {t('library.restore')}
                </button>
              )}
              <button
                type="button"
                className="btn btn-small btn-danger"
                aria-label={t('library.deleteNamed', { title: nameOf(entry) })}
                aria-haspopup="dialog"
                onClick={() => actions.delete(entry)}
              >
                {t('library.delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Each piece with where it starts in the whole text: a key that stays the piece's own. */
function withOffsets(parts: readonly string[]): Array<{ part: string; offset: number }> {
  let offset = 0;
  return parts.map((part) => {
    const piece = { part, offset };
    offset += part.length;
    return piece;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The excerpt with the matched words marked. */
function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  const usable = terms.filter((term) => term.trim() !== '');
  if (usable.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${usable.map(escapeRegExp).join('|')})`, 'gi');
  const lower = new Set(usable.map((term) => term.toLowerCase()));
  return (
    <>
      {withOffsets(text.split(pattern)).map(({ part, offset }) =>
        lower.has(part.toLowerCase()) ? <mark key={offset}>{part}</mark> : <span key={offset}>{part}</span>,
      )}
    </>
  );
}
