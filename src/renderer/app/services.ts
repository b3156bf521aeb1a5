// What the React tree needs from outside it: the incident library, open sessions, the platform.
// Built by AppServices (appServices.ts) outside React; the tree only reads them.
import { createContext, useContext } from 'react';
import type { PlatformAdapter } from '../platform';
import type { IncidentSessions } from '../sync/incidentSessions';
import type { AttachmentStore, IncidentStorage, Preferences, SearchDigests } from '../sync/storage';
import type { RelaySettings } from '../sync/storage/networkSettings';

export type { CatalogEntry } from '../sync/storage';

/**
 * The library as the features see it: the catalog, search and preferences. Opening, creating
 * and deleting incidents (which hands out a Y.Doc) is left to IncidentSessions.
 */
export interface LibraryView {
  /** Archiving is a library preference of this computer, so it is here; deleting is IncidentSessions'. */
  readonly incidents: Pick<IncidentStorage, 'list' | 'get' | 'has' | 'archive' | 'restore'>;
  readonly searchDigests: SearchDigests;
  readonly preferences: Preferences;
  /** Attached files' bytes; the open incident's features reach them through features/attachments. */
  readonly attachments: AttachmentStore;
  /** The team's TURN relay (Network settings) and the relay credentials join codes brought. */
  readonly relay: RelaySettings;
}

export interface Services {
  readonly library: LibraryView;
  readonly sessions: IncidentSessions;
  readonly platform: PlatformAdapter;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices is used outside the app');
  return services;
}
