// What the daemon made against what reached a subscriber: every event the daemon printed
// (stdout, in the order it made them) must arrive, once (duplicates are counted: delivery is
// at least once), in that order, and the daemon's own count of acknowledged events must agree.
import type { DaemonProcess } from '../helpers/daemon-process.ts';
import type { Subscriber } from '../helpers/subscriber.ts';

export interface DeliveryReport {
  made: number;
  received: number;
  duplicates: number;
  lost: number;
  out_of_order: number;
  /** Acknowledged events the daemon logged at its stop, summed over its runs. */
  acknowledged_logged: number;
  ok: boolean;
}

export function madeEvents(daemons: DaemonProcess[]): string[] {
  return daemons.flatMap((d) =>
    d.out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { event_id: string }).event_id),
  );
}

/** Waits (bounded) for the subscriber to catch up, then compares. */
export async function checkDelivery(daemons: DaemonProcess | DaemonProcess[], sub: Subscriber, topic: string, waitMs = 15000): Promise<DeliveryReport> {
  const all = Array.isArray(daemons) ? daemons : [daemons];
  const made = madeEvents(all);
  const ids = () => sub.messages.filter((m) => m.topic === topic).map((m) => (JSON.parse(m.payload) as { event_id: string }).event_id);
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline && new Set(ids()).size < made.length) await new Promise((r) => setTimeout(r, 200));
  const got = ids();
  const unique = [...new Set(got)];
  const madeSet = new Set(made);
  const order = unique.filter((id) => madeSet.has(id));
  let outOfOrder = 0;
  const rank = new Map(made.map((id, i) => [id, i]));
  for (let i = 1; i < order.length; i++) if (rank.get(order[i])! < rank.get(order[i - 1])!) outOfOrder++;
  const receivedSet = new Set(unique);
  const lost = made.filter((id) => !receivedSet.has(id)).length;
  const acknowledged = all
    .flatMap((d) => d.logs())
    .filter((l) => l.msg === 'stopped')
    .reduce((n, l) => n + Number(l.events ?? 0), 0);
  return {
    made: made.length,
    received: unique.length,
    duplicates: got.length - unique.length,
    lost,
    out_of_order: outOfOrder,
    acknowledged_logged: acknowledged,
    ok: lost === 0 && outOfOrder === 0 && unique.length === made.length,
  };
}
