// The session of an incident shown from its saved read model while its document loads: the room
// renders at once from the model, and every part switches to the live one when the document is
// up. Until then nothing can change the incident: a command is refused with a message saying it
// is still opening (a form keeps what was typed and shows the message), undo has nothing to undo,
// and the network parts answer as a room not yet joined.
import { CommandError, type Actor } from '@core/commands';
import { createSwitchingStore, snapshotOfReadModel, type IncidentReadModel, type SwitchingStore } from '@core/readModel';
import type { UndoHistory } from '@core/undo';
import type { IncidentCommands } from '../state/incidentCommands';
import type { IncidentSession } from '../state/incidentContext';
import type { IncidentNetwork, NetworkSnapshot } from './rooms/incidentNetwork';
import type { PresenceSnapshot } from './rooms/presence';
import type { StoredRoom } from './storage';

/** Shown by a command made in the few hundred milliseconds before the document is up (refusals:opening.*; this is the English). */
export const OPENING_MESSAGE = 'Opening… the incident is still loading; try again in a moment.';

/** The parts of a session that need the live document. */
export interface LiveParts {
  readonly store: Parameters<SwitchingStore['attach']>[0];
  readonly commands: IncidentCommands;
  readonly history: UndoHistory;
  readonly network: IncidentNetwork;
  readonly snapshot: IncidentSession['snapshot'];
  readonly severityChanges: IncidentSession['severityChanges'];
}

/** Listeners subscribed before the switch hear the live source after it, and once at the switch. */
class Relay {
  private readonly listeners = new Set<() => void>();
  private stop: (() => void) | null = null;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  attach(subscribe: (listener: () => void) => () => void): void {
    this.stop = subscribe(() => this.notify());
    this.notify();
  }

  detach(): void {
    this.stop?.();
    this.stop = null;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

const EMPTY_PRESENCE: PresenceSnapshot = Object.freeze({ online: new Map(), devices: new Map(), lastSeen: new Map(), rejected: 0 });

type PublicNetwork = Pick<IncidentNetwork, keyof IncidentNetwork>;

export class OpeningSession {
  readonly session: IncidentSession;
  private readonly store: SwitchingStore;
  private live: LiveParts | null = null;
  /** What is shown until the switch; dropped then, so its records are not held twice. */
  private model: IncidentReadModel | null;
  private failure: unknown = null;
  private readonly whenLive: Promise<LiveParts>;
  private resolveLive!: (parts: LiveParts) => void;
  private rejectLive!: (error: unknown) => void;
  private readonly historyRelay = new Relay();
  private readonly networkRelay = new Relay();
  private readonly presenceRelay = new Relay();

  constructor(
    incidentId: string,
    model: IncidentReadModel,
    me: Actor,
    /** The roster person this laptop is, as the stored room says (network.load decides the same way). */
    private readonly personId: string | null,
    private readonly room: StoredRoom | null,
  ) {
    this.model = model;
    this.whenLive = new Promise<LiveParts>((resolve, reject) => {
      this.resolveLive = resolve;
      this.rejectLive = reject;
    });
    // Nobody may be left with an unhandled rejection when no caller waited for the live parts.
    this.whenLive.catch(() => undefined);
    this.store = createSwitchingStore(model);
    const opening = this;
    const actor: Actor = {
      get id() {
        return opening.live ? opening.live.network.actor.id : (personId ?? me.id);
      },
      get name() {
        if (opening.live) return opening.live.network.actor.name;
        const id = personId ?? me.id;
        return opening.model?.collections.people.find((person) => person.id === id)?.name ?? me.name;
      },
      ...(me.now ? { now: me.now } : {}),
    };
    this.session = {
      id: incidentId,
      store: this.store,
      me: actor,
      commands: this.commands(),
      history: this.history(),
      // Views use the network's public members only; this stand-in has every one of them.
      network: this.network(actor) as unknown as IncidentNetwork,
      snapshot: () => (this.live ? this.live.snapshot() : snapshotOfReadModel(this.shown())),
      severityChanges: () => (this.live ? this.live.severityChanges() : this.shown().extras.severityChanges),
    };
  }

  private shown(): IncidentReadModel {
    if (!this.model) throw new Error('The read model was dropped when the live parts were attached');
    return this.model;
  }

  /** True once the document is up and every part is live. */
  get isLive(): boolean {
    return this.live !== null;
  }

  /** The document is up: every part switches to the live one and every subscriber hears it. */
  attach(parts: LiveParts): void {
    this.live = parts;
    this.model = null;
    this.store.attach(parts.store);
    this.historyRelay.attach((listener) => parts.history.subscribe(listener));
    this.networkRelay.attach((listener) => parts.network.subscribe(listener));
    this.presenceRelay.attach((listener) => parts.network.subscribePresence(listener));
    this.resolveLive(parts);
  }

  /** The document could not be loaded: commands say why from now on. */
  fail(error: unknown): void {
    this.failure = error;
    this.rejectLive(error);
  }

  /** Stops forwarding the live parts' signals (the session closes). */
  detach(): void {
    this.store.detach();
    this.historyRelay.detach();
    this.networkRelay.detach();
    this.presenceRelay.detach();
  }

  private refusal(): CommandError {
    if (this.failure === null) return new CommandError('opening.stillLoading');
    // The reason is the failure's own words (a storage error already says them in the window's language).
    const reason = this.failure instanceof Error ? this.failure.message : String(this.failure);
    return new CommandError('opening.failed', { reason });
  }

  private commands(): IncidentCommands {
    const refuse = () => {
      throw this.refusal();
    };
    return new Proxy({} as IncidentCommands, {
      get: (_target, key) => {
        if (this.live) return this.live.commands[key as keyof IncidentCommands];
        if (typeof key !== 'string') return undefined;
        // A read, not a change: answered from the model.
        if (key === 'readAuthority') return () => this.shown().extras.authority;
        return refuse;
      },
    });
  }

  private history(): UndoHistory {
    const live = () => this.live?.history ?? null;
    return {
      undo: () => live()?.undo() ?? false,
      redo: () => live()?.redo() ?? false,
      canUndo: () => live()?.canUndo() ?? false,
      canRedo: () => live()?.canRedo() ?? false,
      nextUndoLabel: () => live()?.nextUndoLabel() ?? null,
      nextRedoLabel: () => live()?.nextRedoLabel() ?? null,
      lastRefusal: () => live()?.lastRefusal() ?? null,
      subscribe: (listener) => this.historyRelay.subscribe(listener),
      destroy: () => live()?.destroy(),
    };
  }

  private network(actor: Actor): PublicNetwork {
    const live = () => this.live?.network ?? null;
    // A call made before the switch runs on the live network once it is up, in order.
    const later = (call: (network: IncidentNetwork) => unknown): void => {
      const network = live();
      if (network) {
        call(network);
        return;
      }
      this.whenLive.then(
        (parts) => call(parts.network),
        () => undefined, // Never opened: there is no room to tell.
      );
    };
    const identity = this.personId
      ? Object.freeze({ kind: 'settled' as const, personId: this.personId })
      : Object.freeze({ kind: 'waiting' as const });
    const placeholder: NetworkSnapshot = Object.freeze({
      room: this.room,
      status: null,
      signaling: [],
      hostingRole: 'member',
      hostingProblem: null,
      identity,
    });
    return {
      actor,
      start: async () => (await this.whenLive).network.start(),
      load: async () => (await this.whenLive).network.load(),
      join: async () => (await this.whenLive).network.join(),
      identity: () => live()?.identity() ?? identity,
      joinAs: async (personId) => (await this.whenLive).network.joinAs(personId),
      joinAsNewPerson: async (name) => (await this.whenLive).network.joinAsNewPerson(name),
      removeParticipant: async (personId) => (await this.whenLive).network.removeParticipant(personId),
      snapshot: () => live()?.snapshot() ?? placeholder,
      subscribe: (listener) => this.networkRelay.subscribe(listener),
      presence: () => live()?.presence() ?? EMPTY_PRESENCE,
      subscribePresence: (listener) => this.presenceRelay.subscribe(listener),
      openRoom: async () => (await this.whenLive).network.openRoom(),
      invitation: () => live()?.invitation() ?? null,
      appChannel: (name) => live()?.appChannel(name) ?? null,
      setHostedAddresses: (addresses) => later((network) => network.setHostedAddresses(addresses)),
      hostOf: (address) => live()?.hostOf(address) ?? null,
      hostingRoleNow: () => live()?.hostingRoleNow() ?? 'member',
      reconnect: () => later((network) => network.reconnect()),
      disconnect: () => later((network) => network.disconnect()),
      applySettings: async () => (await this.whenLive).network.applySettings(),
      setPanel: (panel) => later((network) => network.setPanel(panel)),
      setEditing: (editing) => later((network) => network.setEditing(editing)),
      stop: () => live()?.stop(),
    };
  }
}
