// Token buckets for the signaling server: each sender may burst up to `capacity`, then only at
// `perSecond`. Time comes from an injected clock so tests never depend on the machine's speed.

export type Clock = () => number;

export interface BucketRate {
  /** What may be spent at once after a quiet period. */
  readonly capacity: number;
  /** What comes back each second. */
  readonly perSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: BucketRate,
    private readonly now: Clock,
  ) {
    this.tokens = rate.capacity;
    this.updatedAt = now();
  }

  /** Takes `cost` tokens if there are that many; otherwise takes nothing and says no. */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Whether `cost` could be taken now, without taking it. */
  allows(cost = 1): boolean {
    this.refill();
    return this.tokens >= cost;
  }

  private refill(): void {
    const now = this.now();
    // A clock that steps backwards (it should not) refills nothing rather than draining.
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.updatedAt = now;
    this.tokens = Math.min(this.rate.capacity, this.tokens + elapsed * this.rate.perSecond);
  }
}

/**
 * A message's budget: counted both in messages and in bytes, so neither many small messages nor a
 * few large ones get past. Spends from both or from neither.
 */
export class MessageBudget {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(messages: BucketRate, bytes: BucketRate, now: Clock) {
    this.messages = new TokenBucket(messages, now);
    this.bytes = new TokenBucket(bytes, now);
  }

  allows(size: number): boolean {
    return this.messages.allows(1) && this.bytes.allows(size);
  }

  spend(size: number): void {
    this.messages.take(1);
    this.bytes.take(size);
  }
}
