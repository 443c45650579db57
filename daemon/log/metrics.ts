// A small metrics registry rendered in the Prometheus text format (version 0.0.4): counters,
// gauges read at scrape time, and histograms. No I/O here; http-server.ts serves it.

type Labels = Record<string, string>;

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  render(): string[];
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (l: Labels) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};
const num = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));

/** Every combination of the known values of each label ({a: [1, 2], b: [x]} -> {a:1,b:x}, {a:2,b:x}). */
function combinations(known: Record<string, readonly string[]>): Labels[] {
  let out: Labels[] = [{}];
  for (const [k, values] of Object.entries(known)) out = out.flatMap((l) => values.map((v) => ({ ...l, [k]: v })));
  return out;
}

export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  /**
   * `known`: each label's values, all shown at 0 from the start, so that increase() and rate()
   * see the first event (a series that appears at 1 has no increase to see).
   */
  constructor(known?: Record<string, readonly string[]>) {
    if (known) for (const l of combinations(known)) this.values.set(labelText(l), { labels: l, value: 0 });
  }
  inc(by = 1, labels?: Labels): void {
    // The unlabelled case (audio seconds, once per captured chunk) builds no key.
    const key = labels ? labelText(labels) : '';
    const cur = this.values.get(key);
    if (cur) cur.value += by;
    else this.values.set(key, { labels: labels ?? {}, value: by });
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels))?.value ?? 0;
  }
  lines(name: string): string[] {
    if (this.values.size === 0) return [`${name} 0`];
    return [...this.values.values()].map((v) => `${name}${labelText(v.labels)} ${num(v.value)}`);
  }
}

export class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }
  observe(v: number): void {
    this.sum += v;
    this.count++;
    this.buckets.forEach((b, i) => {
      if (v <= b) this.counts[i]++;
    });
  }
  lines(name: string): string[] {
    return [
      ...this.buckets.map((b, i) => `${name}_bucket{le="${num(b)}"} ${this.counts[i]}`),
      `${name}_bucket{le="+Inf"} ${this.count}`,
      `${name}_sum ${num(Number(this.sum.toFixed(6)))}`,
      `${name}_count ${this.count}`,
    ];
  }
}

export class MetricsRegistry {
  private readonly families: Family[] = [];

  counter(name: string, help: string, known?: Record<string, readonly string[]>): Counter {
    const c = new Counter(known);
    this.families.push({ name, help, type: 'counter', render: () => c.lines(name) });
    return c;
  }

  /** A gauge whose value is read when scraped. */
  gauge(name: string, help: string, read: () => number): void {
    this.families.push({ name, help, type: 'gauge', render: () => [`${name} ${num(read())}`] });
  }

  /** A gauge with labels, every series read when scraped. */
  gaugeSeries(name: string, help: string, read: () => [Labels, number][]): void {
    this.families.push({ name, help, type: 'gauge', render: () => read().map(([l, v]) => `${name}${labelText(l)} ${num(v)}`) });
  }

  /** A counter kept elsewhere (by the process, by a stage), read when scraped. */
  counterFrom(name: string, help: string, read: () => number): void {
    this.families.push({ name, help, type: 'counter', render: () => [`${name} ${num(read())}`] });
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    const h = new Histogram(buckets);
    this.families.push({ name, help, type: 'histogram', render: () => h.lines(name) });
    return h;
  }

  render(): string {
    const out: string[] = [];
    for (const f of this.families) {
      out.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${f.name} ${f.type}`, ...f.render());
    }
    return out.join('\n') + '\n';
  }
}
