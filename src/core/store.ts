// A live, read-only view of one incident document for the UI: frozen snapshots per
// collection that change identity only when a transaction touched that collection, and only
// re-read the records that changed. Built for useSyncExternalStore.
import * as Y from 'yjs';
import { REVIEW_FIELDS, type EpochMs, type IncidentInfo, type IncidentReview } from './model';
import {
  collection,
  escalationAcksMap,
  escalationRulesMap,
  incidentMap,
  metaMap,
  policyMap,
  readImportedAt,
  reviewText,
  reviewWhysMap,
  type YRecord,
} from './schema';
import {
  COLLECTION_ORDER,
  READABLE_COLLECTIONS,
  readIncidentInfo,
  readRecord,
  readReview,
  type ReadableCollection,
  type RecordOf,
} from './read';
import { readPolicy, type RoomPolicy } from './policy';
import { readEscalationAcknowledgements, type EscalationAcknowledgement } from './escalations';

export type StoreTopic = 'incident' | 'policy' | 'escalationAcks' | 'review' | ReadableCollection;

export interface IncidentStore {
  readonly doc: Y.Doc;
  getIncident(): IncidentInfo | null;
  /** When the incident was imported from a file (its timers never fire), or null; topic 'incident'. */
  getImportedAt(): EpochMs | null;
  get<C extends ReadableCollection>(name: C): readonly RecordOf<C>[];
  /** Finds one record by id without copying the collection. */
  find<C extends ReadableCollection>(name: C, id: string): RecordOf<C> | undefined;
  /** The room policy (cadence, escalation matrix, fatigue warning); topic 'policy'. */
  getPolicy(): RoomPolicy;
  /** Acknowledged escalation prompts; topic 'escalationAcks'. */
  getEscalationAcknowledgements(): readonly EscalationAcknowledgement[];
  /** The post-incident review; topic 'review'. */
  getReview(): IncidentReview;
  subscribe(topic: StoreTopic, listener: () => void): () => void;
  destroy(): void;
}

/**
 * Past this many records changed in one transaction, the collection is sorted afresh: placing each
 * one costs a copy of the list, a sort of a nearly sorted list costs about one comparison a record.
 */
const PLACE_AT_MOST = 8;

class CollectionView<C extends ReadableCollection> {
  private readonly records = new Map<string, RecordOf<C>>();
  private sorted: readonly RecordOf<C>[] | null = null;
  private readonly type: Y.Map<YRecord>;
  private readonly order: (a: RecordOf<C>, b: RecordOf<C>) => number;

  constructor(
    doc: Y.Doc,
    private readonly name: C,
  ) {
    this.type = collection(doc, name);
    this.order = COLLECTION_ORDER[name] as (a: RecordOf<C>, b: RecordOf<C>) => number;
    this.type.forEach((record, id) => {
      this.reread(id, record);
    });
  }

  /** Reads one record again; returns the record it replaced (undefined if none). */
  private reread(id: string, record: unknown): RecordOf<C> | undefined {
    const before = this.records.get(id);
    if (record instanceof Y.Map) this.records.set(id, readRecord(this.name, id, record as YRecord));
    else this.records.delete(id);
    return before;
  }

  /** Applies one transaction's events; returns whether anything changed. */
  apply(events: Array<Y.YEvent<Y.AbstractType<unknown>>>): boolean {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.type) {
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) touched.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') touched.add(id);
      }
    }
    if (touched.size === 0) return false;
    // A remote edit (or a local command) changes a record or two: each is moved to its place in
    // the sorted list instead of sorting the whole collection again on the next read.
    const list = this.sorted && touched.size <= PLACE_AT_MOST ? [...this.sorted] : null;
    let placed = list !== null;
    for (const id of touched) {
      const before = this.reread(id, this.type.get(id));
      if (placed) placed = this.place(list!, before, this.records.get(id));
    }
    this.sorted = placed ? Object.freeze(list!) : null;
    return true;
  }

  /**
   * Takes `before` out of the sorted list and puts `after` in its place by binary search. Returns
   * false when the list cannot be trusted to match a full sort (a record not where the order puts
   * it, or two records the order cannot tell apart: their place depends on insertion order), so
   * the caller sorts afresh.
   */
  private place(list: RecordOf<C>[], before: RecordOf<C> | undefined, after: RecordOf<C> | undefined): boolean {
    if (before) {
      const at = this.lowerBound(list, before);
      if (list[at] !== before) return false;
      list.splice(at, 1);
    }
    if (after) {
      const at = this.lowerBound(list, after);
      if (at < list.length && this.order(list[at]!, after) === 0) return false;
      list.splice(at, 0, after);
    }
    return true;
  }

  /** The first index whose record does not sort before `record`. */
  private lowerBound(list: readonly RecordOf<C>[], record: RecordOf<C>): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.order(list[mid]!, record) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  list(): readonly RecordOf<C>[] {
    if (!this.sorted) {
      const list = [...this.records.values()];
      list.sort(this.order);
      this.sorted = Object.freeze(list);
    }
    return this.sorted;
  }

  find(id: string): RecordOf<C> | undefined {
    return this.records.get(id);
  }

  observe(listener: (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => void): () => void {
    this.type.observeDeep(listener);
    return () => this.type.unobserveDeep(listener);
  }
}

export function createIncidentStore(doc: Y.Doc): IncidentStore {
  const listeners = new Map<StoreTopic, Set<() => void>>();
  const notify = (topic: StoreTopic) => {
    for (const listener of listeners.get(topic) ?? []) listener();
  };
  const views = new Map<ReadableCollection, CollectionView<ReadableCollection>>();
  const stops: Array<() => void> = [];

  for (const name of READABLE_COLLECTIONS) {
    const view = new CollectionView(doc, name);
    views.set(name, view as unknown as CollectionView<ReadableCollection>);
    stops.push(view.observe((events) => view.apply(events) && notify(name)));
  }

  let incident = readIncidentInfo(doc);
  const onIncident = () => {
    incident = readIncidentInfo(doc);
    notify('incident');
  };
  incidentMap(doc).observe(onIncident);
  stops.push(() => incidentMap(doc).unobserve(onIncident));
  let importedAt = readImportedAt(doc);
  const onMeta = () => {
    const next = readImportedAt(doc);
    if (next === importedAt) return;
    importedAt = next;
    notify('incident');
  };
  metaMap(doc).observe(onMeta);
  stops.push(() => metaMap(doc).unobserve(onMeta));

  // Policy and acknowledgements are small: re-read whole on any change to their maps.
  let policy = readPolicy(doc);
  const onPolicy = () => {
    policy = readPolicy(doc);
    notify('policy');
  };
  for (const map of [policyMap(doc), escalationRulesMap(doc)]) {
    map.observeDeep(onPolicy);
    stops.push(() => map.unobserveDeep(onPolicy));
  }
  let escalationAcks = readEscalationAcknowledgements(doc);
  const onAcks = () => {
    escalationAcks = readEscalationAcknowledgements(doc);
    notify('escalationAcks');
  };
  escalationAcksMap(doc).observeDeep(onAcks);
  stops.push(() => escalationAcksMap(doc).unobserveDeep(onAcks));

  // The review spans several top-level types; one transaction may touch many of them, so the
  // observers only mark it changed and it is re-read once, after the transaction.
  let review = readReview(doc);
  let reviewChanged = false;
  const markReview = () => {
    reviewChanged = true;
  };
  for (const text of REVIEW_FIELDS.map((field) => reviewText(doc, field))) {
    text.observe(markReview);
    stops.push(() => text.unobserve(markReview));
  }
  reviewWhysMap(doc).observeDeep(markReview);
  stops.push(() => reviewWhysMap(doc).unobserveDeep(markReview));
  const afterReviewTransaction = () => {
    if (!reviewChanged) return;
    reviewChanged = false;
    review = readReview(doc);
    notify('review');
  };
  doc.on('afterTransaction', afterReviewTransaction);
  stops.push(() => doc.off('afterTransaction', afterReviewTransaction));

  const view = <C extends ReadableCollection>(name: C) => views.get(name) as unknown as CollectionView<C>;

  return {
    doc,
    getIncident: () => incident,
    getImportedAt: () => importedAt,
    getPolicy: () => policy,
    getEscalationAcknowledgements: () => escalationAcks,
    getReview: () => review,
    get: (name) => view(name).list(),
    find: (name, id) => view(name).find(id),
    subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    destroy() {
      for (const stop of stops) stop();
      listeners.clear();
    },
  };
}
