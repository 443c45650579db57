// Reconnect delays for the MQTT sink: doubling from `minMs`, capped at `maxMs`, so a
// broker that is down for hours costs one attempt every `maxMs`, not one a second.
// Pure so the schedule is tested without sockets.

export interface BackoffRange {
  minMs: number;
  maxMs: number;
}

/** The delay to wait after a failed attempt that followed a wait of `previousMs`. */
export function nextBackoff(previousMs: number, range: BackoffRange): number {
  const min = Math.max(1, range.minMs);
  const max = Math.max(min, range.maxMs);
  if (!(previousMs >= min)) return min;
  return Math.min(max, previousMs * 2);
}
