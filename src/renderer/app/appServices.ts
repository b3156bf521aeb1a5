// The app's long-lived services, built once at start-up outside React and disposed when the
// window goes away: the incident library, the platform adapter, the room manager, and (once
// there is a profile to act as) the open incident sessions.
import type { Actor } from '@core/commands';
import type { PlatformAdapter } from '../platform';
import { IncidentSessions } from '../sync/incidentSessions';
import { RoomManager } from '../sync/rooms/roomManager';
import { openLibrary, type IncidentLibrary, type LibraryOptions, type Profile } from '../sync/storage';
import type { Services } from './services';

export class AppServices {
  private signedIn: { readonly profileId: string; readonly services: Services } | null = null;
  private disposal: Promise<void> | null = null;

  constructor(
    readonly library: IncidentLibrary,
    readonly platform: PlatformAdapter,
    readonly rooms: RoomManager,
  ) {}

  /**
   * What the React tree needs once a profile exists (at start-up, or when the first-run dialog
   * saves it). The sessions act as that profile; the same profile gets the same sessions.
   */
  forProfile(profile: Profile): Services {
    if (this.disposal) throw new Error('Sitrep is shutting down; its services are closed.');
    if (this.signedIn?.profileId === profile.id) return this.signedIn.services;
    const previous = this.signedIn?.services.sessions;
    if (previous)
      previous.dispose().catch((error: unknown) => console.error('Sitrep: closing the previous profile’s incidents failed', error));
    const me: Actor = { id: profile.id, name: profile.displayName };
    const { platform } = this;
    // The desktop app hosts signaling for the rooms declared on this computer (and announces them nearby).
    const host = platform.lanAvailable
      ? async (room: { roomId: string; title: string; hostName: string }) => (await platform.hostRoom(room)).signalingUrls
      : undefined;
    const withdraw = platform.lanAvailable ? (roomId: string) => platform.stopHosting(roomId) : undefined;
    const sessions = new IncidentSessions(this.library, this.rooms, me, {
      ...(host && withdraw ? { host, withdraw } : {}),
      openFast: true,
    });
    const services: Services = Object.freeze({ library: this.library, platform, sessions });
    this.signedIn = { profileId: profile.id, services };
    return services;
  }

  /** Saves and closes every open incident, leaves every room, then closes the library. Once. */
  dispose(): Promise<void> {
    this.disposal ??= (async () => {
      try {
        await this.signedIn?.services.sessions.dispose();
      } finally {
        this.rooms.closeAll();
        await this.library.close();
      }
    })();
    return this.disposal;
  }
}

export interface StartOptions {
  /** Tests give each case its own database (and fake-indexeddb in Node). */
  readonly library?: LibraryOptions;
  /** Tests and benches pass one with fake or Node WebRTC providers. */
  readonly rooms?: RoomManager;
}

export async function startServices(platform: PlatformAdapter, options: StartOptions = {}): Promise<AppServices> {
  // Room secrets are sealed at rest with the system keyring where the platform has one.
  const library = await openLibrary(platform.secrets ? { ...options.library, secrets: platform.secrets } : options.library);
  return new AppServices(library, platform, options.rooms ?? new RoomManager());
}
