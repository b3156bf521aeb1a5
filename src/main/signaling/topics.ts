// Which connections listen on which topic (a y-webrtc room name), within fixed bounds so that a
// misbehaving client cannot grow the server's memory without limit.

export type SubscribeOutcome = 'subscribed' | 'already-subscribed' | 'connection-limit' | 'address-limit' | 'server-limit';

export interface TopicLimits {
  readonly maxTopics: number;
  readonly maxTopicsPerConnection: number;
  /** Subscriptions all connections from one address may hold together. */
  readonly maxSubscriptionsPerAddress: number;
}

export class TopicSubscriptions<Connection> {
  private readonly subscribersByTopic = new Map<string, Set<Connection>>();
  private readonly topicsByConnection = new Map<Connection, Set<string>>();
  private readonly subscriptionsByAddress = new Map<string, number>();

  constructor(
    private readonly limits: TopicLimits,
    /** The address key a connection's subscriptions count against. */
    private readonly addressOf: (connection: Connection) => string = () => '',
  ) {}

  get topicCount(): number {
    return this.subscribersByTopic.size;
  }

  /** Subscriptions held by connections from this address. */
  subscriptionsFrom(address: string): number {
    return this.subscriptionsByAddress.get(address) ?? 0;
  }

  subscribe(connection: Connection, topic: string): SubscribeOutcome {
    const own = this.topicsByConnection.get(connection);
    if (own?.has(topic)) return 'already-subscribed';
    if ((own?.size ?? 0) >= this.limits.maxTopicsPerConnection) return 'connection-limit';
    const address = this.addressOf(connection);
    const fromAddress = this.subscriptionsFrom(address);
    if (fromAddress >= this.limits.maxSubscriptionsPerAddress) return 'address-limit';
    let subscribers = this.subscribersByTopic.get(topic);
    if (subscribers === undefined) {
      if (this.subscribersByTopic.size >= this.limits.maxTopics) return 'server-limit';
      subscribers = new Set();
      this.subscribersByTopic.set(topic, subscribers);
    }
    subscribers.add(connection);
    this.subscriptionsByAddress.set(address, fromAddress + 1);
    if (own === undefined) this.topicsByConnection.set(connection, new Set([topic]));
    else own.add(topic);
    return 'subscribed';
  }

  unsubscribe(connection: Connection, topic: string): void {
    const subscribers = this.subscribersByTopic.get(topic);
    if (subscribers === undefined || !subscribers.delete(connection)) return;
    const address = this.addressOf(connection);
    const fromAddress = this.subscriptionsFrom(address) - 1;
    if (fromAddress > 0) this.subscriptionsByAddress.set(address, fromAddress);
    else this.subscriptionsByAddress.delete(address);
    // Unlike y-webrtc's reference server, empty topics are forgotten, so they stop counting
    // against maxTopics.
    if (subscribers.size === 0) this.subscribersByTopic.delete(topic);
    const own = this.topicsByConnection.get(connection);
    own?.delete(topic);
    if (own?.size === 0) this.topicsByConnection.delete(connection);
  }

  removeConnection(connection: Connection): void {
    for (const topic of [...(this.topicsByConnection.get(connection) ?? [])]) {
      this.unsubscribe(connection, topic);
    }
  }

  subscribers(topic: string): ReadonlySet<Connection> {
    return this.subscribersByTopic.get(topic) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<never> = new Set();
