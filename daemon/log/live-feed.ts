// Server-Sent Events for the status page: every open page gets a snapshot when it connects
// (or reconnects, after a daemon restart: EventSource retries by itself) and then each update
// as it happens. A slow or gone client is dropped, never waited for.
import type { ServerResponse } from 'node:http';

/** Bytes a client may have unread before it is dropped (a stalled tab must not grow memory). */
const MAX_BUFFERED = 1 << 20;

export class LiveFeed {
  private readonly clients = new Set<ServerResponse>();
  private keepalive: NodeJS.Timeout | null = null;

  constructor(private readonly snapshot: () => unknown) {}

  get size(): number {
    return this.clients.size;
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    // Retry after 1 s when the daemon goes away (restart), not the browser's default 3 s.
    res.write('retry: 1000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    this.write(res, 'snapshot', this.snapshot());
    this.keepalive ??= setInterval(() => {
      for (const c of this.clients) if (!c.writableNeedDrain) c.write(': keepalive\n\n');
    }, 15_000).unref();
  }

  broadcast(type: string, data: unknown): void {
    for (const c of this.clients) this.write(c, type, data);
  }

  close(): void {
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = null;
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private write(res: ServerResponse, type: string, data: unknown): void {
    if (res.writableLength > MAX_BUFFERED) {
      this.clients.delete(res);
      res.destroy();
      return;
    }
    res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
