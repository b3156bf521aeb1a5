// Home: the incidents on this laptop, active first, searchable, and the ways to declare or import one.
import { useCallback, useEffect, useState } from 'react';
import { useServices, type CatalogEntry } from '../../app/services';
import { uiI18n, useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { ImportIncidentButton } from '../library/ImportIncidentButton';
import { IncidentLibrary } from '../library/IncidentLibrary';
import { useIncidentPaletteItems } from '../commands/featureActions';

export function HomeScreen() {
  const t = useT('app');
  const { library, sessions } = useServices();
  const setDeclareOpen = useUiStore((s) => s.setDeclareOpen);
  const setJoinOpen = useUiStore((s) => s.setJoinOpen);
  const openIncident = useUiStore((s) => s.openIncident);
  const [entries, setEntries] = useState<readonly CatalogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped when the library changes from here (archive, restore, delete), to list it again.
  const [listing, setListing] = useState(0);
  const relist = useCallback(() => setListing((n) => n + 1), []);
  useIncidentPaletteItems(entries, openIncident);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `listing` is not read inside; a change to it is the reason to list again.
  useEffect(() => {
    let live = true;
    sessions
      .settled()
      .then(() => library.incidents.list())
      .then((list) => {
        if (!live) return;
        setEntries(list);
        setError(null);
      })
      .catch((e: unknown) => {
        console.error('Sitrep: listing incidents failed', e);
        if (live) setError(uiI18n().t('app:home.listFailed', { error: e instanceof Error ? e.message : String(e) }));
      });
    return () => {
      live = false;
    };
  }, [library, sessions, listing]);

  return (
    <main className="home" aria-labelledby="home-heading">
      <div className="home-head">
        <div>
          <h1 id="home-heading">{t('home.heading')}</h1>
          <p className="muted" style={{ margin: '4px 0 0' }}>
            {t('home.subtitle')}
          </p>
        </div>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setJoinOpen(true)}>
          {t('home.joinRoom')}
        </button>
        <ImportIncidentButton />
        <button type="button" className="btn btn-primary" onClick={() => setDeclareOpen(true)}>
          {t('home.declare')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {entries && entries.length === 0 && (
        <div className="empty-state">
          <h2>{t('home.emptyTitle')}</h2>
          <p>{t('home.emptyText')}</p>
          <button type="button" className="btn btn-primary" onClick={() => setDeclareOpen(true)}>
            {t('home.declare')}
          </button>
        </div>
      )}
      {entries && entries.length > 0 && <IncidentLibrary entries={entries} onOpen={openIncident} onChanged={relist} />}
    </main>
  );
}
