import type { QueueCounts, UnknownTarget } from './store.js';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

class Counter {
  readonly values = new Map<string, number>();
  inc(label = '', by = 1): void {
    this.values.set(label, (this.values.get(label) ?? 0) + by);
  }
  get(label = ''): number {
    return this.values.get(label) ?? 0;
  }
}

class Histogram {
  readonly counts = BUCKETS.map(() => 0);
  sum = 0;
  count = 0;
  observe(seconds: number): void {
    this.sum += seconds;
    this.count += 1;
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.counts[i]! += 1;
    });
  }
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** The relay's counters, rendered in the Prometheus text format (version 0.0.4). */
export class Metrics {
  /** Submissions stored (quarantined ones included). */
  readonly accepted = new Counter();
  /** Retries of a stored submission answered with the same receipt. */
  readonly replayed = new Counter();
  /** Refused requests, by reason. */
  readonly rejected = new Counter();
  /** Deliveries done, by target. */
  readonly delivered = new Counter();
  /** Failed attempts that will be tried again, by target. */
  readonly retried = new Counter();
  /** Deliveries given up on, by target. */
  readonly dead = new Counter();
  /** Confirmation mails to the sender that could not be sent (the synpunkt was delivered), by target. */
  readonly confirmationFailed = new Counter();
  private readonly latency = new Map<string, Histogram>();

  /**
   * @param targets the configured targets' names: their counters exist at 0 from the start, so
   * Prometheus' `increase()` sees the first delivery, retry or death (a series that appears at 1
   * has no increase).
   */
  constructor(targets: readonly string[] = []) {
    for (const target of targets) {
      for (const counter of [this.delivered, this.retried, this.dead, this.confirmationFailed]) {
        counter.inc(target, 0);
      }
    }
  }

  /** Records how long a request to `route` took. */
  observeRequest(route: string, seconds: number): void {
    let histogram = this.latency.get(route);
    if (!histogram) {
      histogram = new Histogram();
      this.latency.set(route, histogram);
    }
    histogram.observe(seconds);
  }

  /**
   * The text for `GET /metrics`; `bodyBytesInFlight` is what request bodies hold of the relay's
   * `bodyBytesInFlight` budget now.
   */
  render(
    queue: QueueCounts,
    unknownTargets: readonly UnknownTarget[] = [],
    bodyBytesInFlight = 0,
  ): string {
    const lines: string[] = [];
    const counter = (name: string, help: string, c: Counter, label?: string) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      if (label === undefined) lines.push(`${name} ${c.get()}`);
      else
        for (const [value, n] of c.values)
          lines.push(`${name}{${label}="${escapeLabel(value)}"} ${n}`);
    };
    counter('synpunkt_accepted_total', 'Submissions stored durably.', this.accepted);
    counter('synpunkt_replayed_total', 'Retries answered with the stored receipt.', this.replayed);
    counter('synpunkt_rejected_total', 'Requests refused, by reason.', this.rejected, 'reason');
    counter(
      'synpunkt_delivered_total',
      'Deliveries completed, by target.',
      this.delivered,
      'target',
    );
    counter(
      'synpunkt_retried_total',
      'Failed attempts scheduled again, by target.',
      this.retried,
      'target',
    );
    counter('synpunkt_dead_total', 'Deliveries given up on, by target.', this.dead, 'target');
    counter(
      'synpunkt_confirmation_failed_total',
      'Confirmation mails to the sender that could not be sent, by target.',
      this.confirmationFailed,
      'target',
    );
    lines.push('# HELP synpunkt_queue_depth Deliveries in the outbox, by status.');
    lines.push('# TYPE synpunkt_queue_depth gauge');
    for (const [status, n] of Object.entries(queue)) {
      lines.push(`synpunkt_queue_depth{status="${status}"} ${n}`);
    }
    lines.push(
      '# HELP synpunkt_unknown_target_deliveries Open deliveries to a target no longer configured, by target and status.',
    );
    lines.push('# TYPE synpunkt_unknown_target_deliveries gauge');
    for (const { target, ...counts } of unknownTargets) {
      for (const [status, n] of Object.entries(counts)) {
        lines.push(
          `synpunkt_unknown_target_deliveries{target="${escapeLabel(target)}",status="${status}"} ${n}`,
        );
      }
    }
    lines.push(
      '# HELP synpunkt_body_bytes_in_flight Bytes of request bodies being received and parsed now, past the first 64 KiB of each.',
    );
    lines.push('# TYPE synpunkt_body_bytes_in_flight gauge');
    lines.push(`synpunkt_body_bytes_in_flight ${bodyBytesInFlight}`);
    lines.push('# HELP synpunkt_request_duration_seconds Time to answer a request, by route.');
    lines.push('# TYPE synpunkt_request_duration_seconds histogram');
    for (const [route, h] of this.latency) {
      const r = escapeLabel(route);
      BUCKETS.forEach((bound, i) => {
        lines.push(
          `synpunkt_request_duration_seconds_bucket{route="${r}",le="${bound}"} ${h.counts[i]}`,
        );
      });
      lines.push(`synpunkt_request_duration_seconds_bucket{route="${r}",le="+Inf"} ${h.count}`);
      lines.push(`synpunkt_request_duration_seconds_sum{route="${r}"} ${h.sum}`);
      lines.push(`synpunkt_request_duration_seconds_count{route="${r}"} ${h.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
