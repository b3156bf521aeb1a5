// Which connections listen on which topic (a y-webrtc room name), within fixed bounds so that a
// misbehaving client cannot grow the server's memory without limit.

export type SubscribeOutcome = 'subscribed' | 'already-subscribed' | 'connection-limit' | 'server-limit';

export class TopicSubscriptions<Connection> {
  private readonly subscribersByTopic = new Map<string, Set<Connection>>();
  private readonly topicsByConnection = new Map<Connection, Set<string>>();

  constructor(private readonly limits: { readonly maxTopics: number; readonly maxTopicsPerConnection: number }) {}

  get topicCount(): number {
    return this.subscribersByTopic.size;
  }

  subscribe(connection: Connection, topic: string): SubscribeOutcome {
    const own = this.topicsByConnection.get(connection);
    if (own?.has(topic)) return 'already-subscribed';
    if ((own?.size ?? 0) >= this.limits.maxTopicsPerConnection) return 'connection-limit';
    let subscribers = this.subscribersByTopic.get(topic);
    if (subscribers === undefined) {
      if (this.subscribersByTopic.size >= this.limits.maxTopics) return 'server-limit';
      subscribers = new Set();
      this.subscribersByTopic.set(topic, subscribers);
    }
    subscribers.add(connection);
    if (own === undefined) this.topicsByConnection.set(connection, new Set([topic]));
    else own.add(topic);
    return 'subscribed';
  }

  unsubscribe(connection: Connection, topic: string): void {
    const subscribers = this.subscribersByTopic.get(topic);
    if (subscribers === undefined) return;
    subscribers.delete(connection);
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
