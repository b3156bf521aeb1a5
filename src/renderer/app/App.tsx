// The app shell: first-run profile, the top bar, and the current screen.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { CommandLayer } from '../features/commands/CommandLayer';
import { formatShortcut } from '../features/commands/actions';
import { useAction } from '../features/commands/registry';
import { WarRoomActions } from '../features/commands/WarRoomActions';
import { HomeScreen } from '../features/home/HomeScreen';
import { DeclareIncidentDialog } from '../features/home/DeclareIncidentDialog';
import { ProfileDialog } from '../features/profile/ProfileDialog';
import { JoinDialog } from '../features/room/JoinDialog';
import { NetworkSettingsDialog } from '../features/room/NetworkSettingsDialog';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { LeaveIncidentButton } from '../features/unsaved/LeaveIncidentButton';
import { UnsavedGuard } from '../features/unsaved/UnsavedGuard';
import { WarRoom } from '../features/warroom/WarRoom';
import { uiI18n, useT } from '../i18n';
import { IncidentContext, type IncidentSession } from '../state/incidentContext';
import { useUiStore, type Theme } from '../state/uiStore';
import type { Profile } from '../sync/storage';
import { Toasts } from '../ui/Toasts';
import type { AppServices } from './appServices';
import { ServicesContext, useServices, type Services } from './services';

export function App({
  services: app,
  initialProfile,
  initialTheme,
}: {
  /** Built at start-up, outside React (main.tsx), and disposed there. */
  services: AppServices;
  initialProfile: Profile | null;
  initialTheme: Theme;
}) {
  const { library } = app;
  const [signedIn, setSignedIn] = useState<{ profile: Profile; services: Services } | null>(() =>
    initialProfile ? { profile: initialProfile, services: app.forProfile(initialProfile) } : null,
  );
  const theme = useUiStore((s) => s.theme);
  const setTheme = useUiStore((s) => s.setTheme);
  const showToast = useUiStore((s) => s.showToast);

  useEffect(() => setTheme(initialTheme), [initialTheme, setTheme]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(
    () =>
      library.onStorageError((error) => {
        console.error('Sitrep: storage error', error);
        showToast(error.message);
      }),
    [library, showToast],
  );

  const toggleTheme = () => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    setTheme(next);
    library.preferences
      .setSetting('theme', next)
      .catch((e: unknown) => showToast(uiI18n().t('app:shell.themeNotSaved', { error: String(e) })));
  };

  if (!signedIn) {
    return (
      <ProfileDialog
        onSave={async (name) => {
          try {
            const profile = await library.preferences.saveProfile(name);
            setSignedIn({ profile, services: app.forProfile(profile) });
            return null;
          } catch (error) {
            return error instanceof Error ? error.message : String(error);
          }
        }}
      />
    );
  }

  return (
    <ServicesContext.Provider value={signedIn.services}>
      <Shell profile={signedIn.profile} onToggleTheme={toggleTheme} theme={theme} />
      <DeclareIncidentDialog />
      <JoinDialog />
      <NetworkSettingsDialog />
      <SettingsDialog />
      <CommandLayer />
      <Toasts />
    </ServicesContext.Provider>
  );
}

function Shell({ profile, theme, onToggleTheme }: { profile: Profile; theme: Theme; onToggleTheme: () => void }) {
  const screen = useUiStore((s) => s.screen);
  const goHome = useUiStore((s) => s.goHome);
  const setDeclareOpen = useUiStore((s) => s.setDeclareOpen);
  const setJoinOpen = useUiStore((s) => s.setJoinOpen);
  const setSettingsOpen = useUiStore((s) => s.setSettingsOpen);
  const services = useServices();
  const t = useT('app');
  useAction('app.theme', onToggleTheme);
  useAction('app.settings', () => setSettingsOpen(true));
  useEffect(
    () =>
      services.platform.onMenuCommand((command) => {
        if (command === 'declare-incident') setDeclareOpen(true);
        if (command === 'join-room') setJoinOpen(true);
        if (command === 'toggle-theme') onToggleTheme();
      }),
    [services.platform, setDeclareOpen, setJoinOpen, onToggleTheme],
  );
  const session = useOpenSession(screen.name === 'warroom' ? screen.incidentId : null);

  return (
    <div className="app">
      <nav className="topbar" aria-label="Sitrep">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Sitrep
        </span>
        {screen.name === 'warroom' && <LeaveIncidentButton incidentId={screen.incidentId} />}
        <span className="spacer" />
        {session.state === 'open' && <UndoButtons session={session.session} />}
        <PaletteButton />
        <button type="button" className="btn btn-ghost btn-small" aria-haspopup="dialog" onClick={() => setSettingsOpen(true)}>
          {t('shell.settingsButton')}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={onToggleTheme}
          aria-label={theme === 'dark' ? t('shell.switchToLight') : t('shell.switchToDark')}
        >
          {theme === 'dark' ? t('shell.lightButton') : t('shell.darkButton')}
        </button>
        <span className="muted" style={{ fontSize: 12 }}>
          <span className="visually-hidden">{t('shell.signedInAs')} </span>
          {profile.displayName}
        </span>
      </nav>
      <UnsavedGuard />
      {screen.name === 'home' && <HomeScreen />}
      {screen.name === 'warroom' && session.state === 'loading' && (
        <p className="home muted" role="status">
          {t('shell.opening')}
        </p>
      )}
      {screen.name === 'warroom' && session.state === 'failed' && (
        <div className="home">
          <div className="empty-state" role="alert">
            <h2>{t('shell.cannotOpen')}</h2>
            <p>{session.message}</p>
            <button type="button" className="btn" onClick={goHome}>
              {t('shell.backToIncidents')}
            </button>
          </div>
        </div>
      )}
      {session.state === 'open' && (
        <IncidentContext.Provider value={session.session}>
          <WarRoomActions />
          <WarRoom />
        </IncidentContext.Provider>
      )}
    </div>
  );
}

type SessionState =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'open'; session: IncidentSession }
  | { state: 'failed'; message: string };

function useOpenSession(incidentId: string | null): SessionState {
  const { sessions } = useServices();
  const [state, setState] = useState<SessionState>({ state: 'none' });
  useEffect(() => {
    if (!incidentId) {
      setState({ state: 'none' });
      return;
    }
    let live = true;
    setState({ state: 'loading' });
    sessions.acquire(incidentId).then(
      (session) => live && setState({ state: 'open', session }),
      (error: unknown) => {
        console.error('Sitrep: opening the incident failed', error);
        if (live) setState({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
      sessions.release(incidentId).catch((error: unknown) => console.error('Sitrep: closing the incident failed', error));
    };
  }, [incidentId, sessions]);
  return state;
}

function PaletteButton() {
  const setPaletteOpen = useUiStore((s) => s.setPaletteOpen);
  const t = useT('app');
  const keys = formatShortcut({ key: 'k', mod: true });
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small"
      onClick={() => setPaletteOpen(true)}
      aria-label={t('shell.paletteButtonLabel', { keys })}
    >
      {t('shell.actionsButton')} <kbd className="topbar-kbd">{keys}</kbd>
    </button>
  );
}

function UndoButtons({ session }: { session: IncidentSession }) {
  const { history } = session;
  const t = useT('app');
  // Re-render whenever either stack changes; the labels are read fresh below.
  const undoLabel = useSyncExternalStore(
    (onChange) => history.subscribe(onChange),
    () => history.nextUndoLabel(),
  );
  const redoLabel = useSyncExternalStore(
    (onChange) => history.subscribe(onChange),
    () => history.nextRedoLabel(),
  );
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        disabled={!history.canUndo()}
        onClick={() => history.undo()}
        aria-label={undoLabel ? t('shell.undoNamed', { label: undoLabel }) : t('shell.undo')}
        title={t('shell.undoTitle')}
      >
        {t('shell.undoButton')}
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        disabled={!history.canRedo()}
        onClick={() => history.redo()}
        aria-label={redoLabel ? t('shell.redoNamed', { label: redoLabel }) : t('shell.redo')}
        title={t('shell.redoTitle')}
      >
        {t('shell.redoButton')}
      </button>
    </>
  );
}
