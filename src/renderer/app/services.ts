// What the React tree needs from outside it: the incident library, open sessions, the platform.
// Built by AppServices (appServices.ts) outside React; the tree only reads them.
import { createContext, useContext } from 'react';
import type { PlatformAdapter } from '../platform';
import type { IncidentLibrary } from '../sync/storage';
import type { IncidentSessions } from '../sync/incidentSessions';

export type { CatalogEntry } from '../sync/storage';

export interface Services {
  readonly library: IncidentLibrary;
  readonly sessions: IncidentSessions;
  readonly platform: PlatformAdapter;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices is used outside the app');
  return services;
}
