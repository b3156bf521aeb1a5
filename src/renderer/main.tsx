// Renderer entry: build the app's services (outside React), render the app, and dispose the
// services when the window goes away.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startServices, type AppServices } from './app/appServices';
import { applyLanguage, I18nProvider, uiI18n } from './i18n';
import { applyClockZone } from './i18n/clock';
import { tellMenuLanguage } from './features/settings/languageSetting';
import { getPlatform } from './platform';
import './styles/app.css';

const container = document.getElementById('root');
if (container === null) throw new Error('Sitrep: #root element is missing from index.html');
const root = createRoot(container);

/** Asks the browser not to evict incident data under storage pressure. */
async function keepStorage(): Promise<void> {
  if (!navigator.storage?.persist) return;
  const persisted = await navigator.storage.persist();
  if (!persisted) console.warn('Sitrep: storage is not marked persistent; the browser may evict it when the disk is nearly full.');
}

/**
 * `pagehide` fires when the window closes (the Electron quit path included), reloads or
 * navigates away. Every change is already in IndexedDB by then; disposing saves the catalog
 * rows, compacts and leaves the rooms, so peers see us go at once. A page the browser keeps in
 * its back-forward cache has lost its services, so it reloads if it is ever shown again.
 */
function disposeOnPageHide(services: AppServices): void {
  window.addEventListener(
    'pagehide',
    () => {
      root.unmount();
      services.dispose().catch((error: unknown) => console.error('Sitrep: closing the incident library failed', error));
    },
    { once: true },
  );
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) window.location.reload();
  });
}

async function start(): Promise<void> {
  keepStorage().catch((error: unknown) => console.warn('Sitrep: could not ask for persistent storage', error));
  const services = await startServices(getPlatform());
  disposeOnPageHide(services);
  const { preferences } = services.library;
  const [profile, theme, language, timeZone] = await Promise.all([
    preferences.getProfile(),
    preferences.getSetting('theme'),
    preferences.getSetting('language'),
    preferences.getSetting('timeZone'),
  ]);
  applyClockZone(timeZone);
  document.documentElement.dataset.theme = theme;
  await applyLanguage(language);
  // The menu started in the system's language; a chosen language reaches it now.
  tellMenuLanguage(services.platform);
  root.render(
    <StrictMode>
      <I18nProvider>
        <App services={services} initialProfile={profile} initialTheme={theme} />
      </I18nProvider>
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  console.error('Sitrep could not start', error);
  const message = error instanceof Error ? error.message : String(error);
  // The language setting may be what could not be read: the system's language is used then.
  const t = uiI18n().t;
  root.render(
    <main className="home" role="alert">
      <div className="empty-state">
        <h2>{t('app:startup.failedTitle')}</h2>
        <p>{message}</p>
        <p className="muted">{t('app:startup.failedHint')}</p>
      </div>
    </main>,
  );
});
