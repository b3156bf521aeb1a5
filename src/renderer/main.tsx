// Renderer entry: open the local incident library, then render the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getPlatform } from './platform';
import { openLibrary } from './sync/storage';
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

async function start(): Promise<void> {
  keepStorage().catch((error: unknown) => console.warn('Sitrep: could not ask for persistent storage', error));
  const library = await openLibrary();
  const [profile, theme] = await Promise.all([library.getProfile(), library.getSetting('theme')]);
  document.documentElement.dataset.theme = theme;
  root.render(
    <StrictMode>
      <App library={library} platform={getPlatform()} initialProfile={profile} initialTheme={theme} />
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  console.error('Sitrep could not start', error);
  const message = error instanceof Error ? error.message : String(error);
  root.render(
    <main className="home" role="alert">
      <div className="empty-state">
        <h2>Sitrep could not open its local storage</h2>
        <p>{message}</p>
        <p className="muted">Nothing was deleted. Close other Sitrep windows and start it again.</p>
      </div>
    </main>,
  );
});
