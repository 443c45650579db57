// `GET /healthz` and `GET /metrics` for a supervisor or a Prometheus scraper, and the live
// status page (`/`, its `/events` stream and `/api/status`). Loopback by default: the metrics
// say when someone was speaking, which is not for the network to read (and on loopback only
// loopback Host names are served); on any other address every request must carry the token.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { isLoopback } from '../config/schema.ts';
import type { LiveFeed } from './live-feed.ts';
import { isLoopbackHost } from './loopback-host.ts';

export interface Health {
  ok: boolean;
  [detail: string]: unknown;
}

export interface HttpEndpoints {
  health: () => Health;
  metrics: () => string;
  /** The status page, its live feed and the JSON snapshot the feed starts with. */
  page?: { html: string; feed: LiveFeed; snapshot: () => unknown };
}

/** The token from `Authorization: Bearer …` or `?token=` (EventSource cannot set headers). */
function tokenOf(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return url.searchParams.get('token');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class StatusServer {
  private server: Server | null = null;
  port = 0;

  constructor(
    private readonly opt: { host: string; port: number; token?: string },
    private readonly endpoints: HttpEndpoints,
  ) {}

  /** A new token (or none) for the requests from now on, on the same listener (a reload). */
  setToken(token: string | undefined): void {
    this.opt.token = token;
  }

  async start(): Promise<void> {
    // Bound to loopback, only loopback Host names are answered (DNS rebinding). On any other
    // address the token guards every request instead: a rebound page cannot know it.
    const loopbackOnly = isLoopback(this.opt.host);
    const server = createServer((req, res) => {
      try {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const path = url.pathname;
        const token = this.opt.token;
        const page = this.endpoints.page;
        if (loopbackOnly && !isLoopbackHost(req.headers.host)) {
          res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request: only loopback host names are served\n');
        } else if (token && !sameToken(tokenOf(req, url) ?? '', token)) {
          res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('401: a token is required (Authorization: Bearer, or ?token=)\n');
        } else if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405, { allow: 'GET, HEAD' }).end();
        } else if (path === '/healthz') {
          const h = this.endpoints.health();
          res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(h) + '\n');
        } else if (path === '/metrics') {
          res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(this.endpoints.metrics());
        } else if (page && path === '/') {
          res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'" })
            .end(page.html);
        } else if (page && path === '/events') {
          page.feed.attach(res);
        } else if (page && path === '/api/status') {
          res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(page.snapshot()) + '\n');
        } else {
          res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: try ${page ? '/, ' : ''}/healthz or /metrics\n`);
        }
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`${errorMessage(err)}\n`);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) =>
        reject(new EmotiondError('CONFIG_INVALID', `http: cannot listen on ${this.opt.host.includes(':') ? `[${this.opt.host}]` : this.opt.host}:${this.opt.port}: ${errorMessage(err)}`, { cause: err })),
      );
      server.listen(this.opt.port, this.opt.host, () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    this.endpoints.page?.feed.close();
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
