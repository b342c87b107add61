// Runs one operation with a fixed number of requests in flight and summarises the latencies.
// Every phase is bounded by a request count and a deadline, so the bench always finishes.
export interface LoadOptions {
  concurrency: number;
  requests: number;
  warmup: number;
  maxSeconds: number;
}

export interface Stats {
  count: number;
  errors: number;
  firstError?: string;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Completed operations per second of wall time over the measured phase. */
  throughput: number;
  /** True when the deadline, not the request count, ended the phase. */
  timedOut: boolean;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * `task(i)` gets a distinct index per call (warm-up calls included), so operations that must not
 * repeat, like creating a contact with a unique email, can derive their input from it.
 */
export async function runLoad(task: (i: number) => Promise<void>, opts: LoadOptions): Promise<Stats> {
  let nextIndex = 0;
  const phase = async (total: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    let issued = 0;
    const deadline = performance.now() + opts.maxSeconds * 1000;
    let timedOut = false;
    const worker = async () => {
      while (issued < total) {
        if (performance.now() > deadline) {
          timedOut = true;
          return;
        }
        issued++;
        const i = nextIndex++;
        const started = performance.now();
        try {
          await task(i);
          if (record) latencies.push(performance.now() - started);
        } catch (err) {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    return { latencies, errors, firstError, seconds: (performance.now() - started) / 1000, timedOut };
  };

  const warm = await phase(opts.warmup, false);
  const run = await phase(opts.requests, true);
  const sorted = run.latencies.sort((a, b) => a - b);
  return {
    count: sorted.length,
    errors: warm.errors + run.errors,
    firstError: warm.firstError ?? run.firstError,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    throughput: sorted.length / run.seconds,
    timedOut: run.timedOut,
  };
}
