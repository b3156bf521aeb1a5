// The compact read model of an incident: everything the room renders (what the store serves),
// as plain data that is saved next to the document and shown at once on the next open, before
// the Yjs document is decoded. The document stays the truth: a model that fails any check here
// is ignored, and the store switches to the live document as soon as it is up.
import type { CommandAssumption, SeverityProposal } from './commands';
import type { SeverityChange } from './conflicts';
import type { EscalationAcknowledgement } from './escalations';
import type { EpochMs, IncidentInfo, IncidentReview, IncidentSnapshot } from './model';
import type { RoomPolicy } from './policy';
import { READABLE_COLLECTIONS, type ReadableCollection, type RecordOf } from './read';
import type { IncidentStore, StoreTopic } from './store';

/** Bumped whenever the shape of a record or of the model changes: an older model is then ignored. */
export const READ_MODEL_FORMAT = 1;

/** The store's reads and change signals, without its document and its end. */
export type StoreReads = Omit<IncidentStore, 'doc' | 'destroy'>;

export interface IncidentReadModel {
  readonly format: typeof READ_MODEL_FORMAT;
  readonly incidentId: string;
  readonly incident: IncidentInfo;
  readonly importedAt: EpochMs | null;
  readonly policy: RoomPolicy;
  readonly escalationAcks: readonly EscalationAcknowledgement[];
  readonly review: IncidentReview;
  readonly collections: { readonly [C in ReadableCollection]: readonly RecordOf<C>[] };
  /** What the session reads from the document beyond the store (see ReadModelExtras). */
  readonly extras: ReadModelExtras;
}

/** The session's reads that do not go through the store: the export's schema version, the conflict check, authority. */
export interface ReadModelExtras {
  readonly schemaVersion: number;
  readonly severityChanges: readonly SeverityChange[];
  readonly authority: { readonly assumptions: readonly CommandAssumption[]; readonly pendingProposals: readonly SeverityProposal[] };
}

/** The model of what `store` serves now; null for an incident not declared yet (nothing to show). */
export function readModelOf(incidentId: string, store: StoreReads, extras: ReadModelExtras): IncidentReadModel | null {
  const incident = store.getIncident();
  if (!incident) return null;
  const collections = Object.fromEntries(READABLE_COLLECTIONS.map((name) => [name, store.get(name)]));
  return {
    format: READ_MODEL_FORMAT,
    incidentId,
    incident,
    importedAt: store.getImportedAt(),
    policy: store.getPolicy(),
    escalationAcks: store.getEscalationAcknowledgements(),
    review: store.getReview(),
    collections: collections as IncidentReadModel['collections'],
    extras,
  };
}

/** The incident as readSnapshot gives it, from a model (for an export made while the document loads). */
export function snapshotOfReadModel(model: IncidentReadModel): IncidentSnapshot {
  const { collections } = model;
  return Object.freeze({
    schemaVersion: model.extras.schemaVersion,
    incident: model.incident,
    people: collections.people,
    roles: collections.roles,
    tasks: collections.tasks,
    hypotheses: collections.hypotheses,
    milestones: collections.milestones,
    changes: collections.changes,
    followUps: collections.followUps,
    timeline: collections.timeline,
    review: model.review,
  });
}

/** JSON: one string is the cheapest thing IndexedDB can read back, and parsing it is fast. */
export function encodeReadModel(model: IncidentReadModel): string {
  return JSON.stringify(model);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses a stored model of `incidentId`; null when it is damaged, from another format, or of
 * another incident. Records are checked for shape (an object with an id), not field by field:
 * the model is written by this app from records it read defensively already, and a model that
 * was damaged at rest almost always fails to parse at all.
 */
export function decodeReadModel(text: unknown, incidentId: string): IncidentReadModel | null {
  if (typeof text !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value) || value.format !== READ_MODEL_FORMAT || value.incidentId !== incidentId) return null;
  const { incident, policy, review, collections, escalationAcks, importedAt, extras } = value;
  if (!isObject(incident) || incident.id === undefined || typeof incident.title !== 'string') return null;
  if (!isObject(policy) || !isObject(review) || !isObject(collections) || !Array.isArray(escalationAcks)) return null;
  if (importedAt !== null && typeof importedAt !== 'number') return null;
  if (!isObject(extras) || typeof extras.schemaVersion !== 'number' || !Array.isArray(extras.severityChanges)) return null;
  const authority = extras.authority;
  if (!isObject(authority) || !Array.isArray(authority.assumptions) || !Array.isArray(authority.pendingProposals)) return null;
  for (const name of READABLE_COLLECTIONS) {
    const records = collections[name];
    if (!Array.isArray(records)) return null;
    for (const record of records) {
      if (!isObject(record) || typeof record.id !== 'string') return null;
      Object.freeze(record);
    }
    Object.freeze(records);
  }
  Object.freeze(incident);
  Object.freeze(escalationAcks);
  return value as unknown as IncidentReadModel;
}

/** A store that serves a read model until the live store is attached, then the live store. */
export interface SwitchingStore extends StoreReads {
  /** True once the live store serves the reads. */
  readonly live: boolean;
  /** Serves `store` from now on and tells every subscriber that everything may have changed. */
  attach(store: StoreReads): void;
  /** Stops forwarding the live store's signals. */
  detach(): void;
}

const ALL_TOPICS: readonly StoreTopic[] = ['incident', 'policy', 'escalationAcks', 'review', ...READABLE_COLLECTIONS];

export function createSwitchingStore(initial: IncidentReadModel): SwitchingStore {
  let live: StoreReads | null = null;
  // Dropped at the switch, so the records are not held twice while the incident stays open.
  let model: IncidentReadModel | null = initial;
  const shown = (): IncidentReadModel => {
    if (!model) throw new Error('The read model was dropped when the live store was attached');
    return model;
  };
  const listeners = new Map<StoreTopic, Set<() => void>>();
  const stops: Array<() => void> = [];
  const byId = new Map<ReadableCollection, Map<string, unknown>>();
  const notifyAll = () => {
    for (const set of listeners.values()) for (const listener of [...set]) listener();
  };
  return {
    get live() {
      return live !== null;
    },
    getIncident: () => (live ? live.getIncident() : shown().incident),
    getImportedAt: () => (live ? live.getImportedAt() : shown().importedAt),
    getPolicy: () => (live ? live.getPolicy() : shown().policy),
    getEscalationAcknowledgements: () => (live ? live.getEscalationAcknowledgements() : shown().escalationAcks),
    getReview: () => (live ? live.getReview() : shown().review),
    get: (name) => (live ? live.get(name) : shown().collections[name]),
    find(name, id) {
      if (live) return live.find(name, id);
      let index = byId.get(name);
      if (!index) {
        index = new Map(shown().collections[name].map((record) => [record.id, record]));
        byId.set(name, index);
      }
      return index.get(id) as RecordOf<typeof name> | undefined;
    },
    subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    attach(store) {
      if (live) throw new Error('The live store is attached already');
      live = store;
      model = null;
      byId.clear();
      // One forwarding subscription per topic, so views subscribed before the switch keep hearing.
      for (const topic of ALL_TOPICS) {
        stops.push(
          store.subscribe(topic, () => {
            for (const listener of [...(listeners.get(topic) ?? [])]) listener();
          }),
        );
      }
      notifyAll();
    },
    detach() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
