/**
 * Failed logins counted per key (`user:<name>` and `ip:<address>`) in a sliding window: after `max`
 * failures within `windowMs` the key is refused until the oldest failure leaves the window. In memory,
 * per process: the platform runs as one process, and a restart forgetting the counts costs an attacker a
 * restart each time.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Whether any of the keys has used up its failures. */
  blocked(keys: readonly string[]): boolean {
    return keys.some((key) => this.recent(key).length >= this.max);
  }

  fail(keys: readonly string[]): void {
    const at = this.now();
    for (const key of keys) this.failures.set(key, [...this.recent(key), at]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}
