import type { Clock, Sleep } from '../types';

type Timer = { at: number; seq: number; resolve: () => void };

/** Lets the event loop run queued promise callbacks (no timers, no I/O waits). */
export async function flushMicrotasks(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * Virtual time for deterministic tests of code that takes a Clock and a Sleep: sleeps only end
 * when the test advances time. For code without real I/O (injected fetch).
 */
export class FakeTime {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 0, 1, 12)) {
    this.t = start;
  }

  readonly clock: Clock = { now: () => this.t };

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          resolve();
        },
        { once: true },
      );
    });

  /** Moves time forward by `ms`, firing due sleeps in order and letting their callers run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flushMicrotasks();
    for (;;) {
      const next = this.nextTimer();
      if (!next || next.at > end) break;
      this.fire(next);
      await flushMicrotasks();
    }
    this.t = end;
    await flushMicrotasks();
  }

  /** Runs virtual time (jumping from sleep to sleep) until `promise` settles; returns its value. */
  async run<T>(promise: Promise<T>, maxMs = 24 * 3600_000): Promise<T> {
    let settled = false;
    const tracked = promise.finally(() => {
      settled = true;
    });
    tracked.catch(() => undefined);
    const limit = this.t + maxMs;
    await flushMicrotasks();
    while (!settled) {
      const next = this.nextTimer();
      if (!next)
        throw new Error('FakeTime.run: nothing scheduled but the promise is still pending');
      if (next.at > limit) throw new Error('FakeTime.run: exceeded maxMs');
      this.fire(next);
      await flushMicrotasks();
    }
    return tracked;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  private nextTimer(): Timer | undefined {
    let best: Timer | undefined;
    for (const x of this.timers)
      if (!best || x.at < best.at || (x.at === best.at && x.seq < best.seq)) best = x;
    return best;
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((x) => x !== timer);
    this.t = Math.max(this.t, timer.at);
    timer.resolve();
  }
}
