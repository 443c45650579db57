// `GET /healthz` and `GET /metrics` on a loopback port, for a supervisor or a Prometheus
// scraper on the same machine. Loopback only: the metrics say when someone was speaking,
// which is not for the network to read.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { isLoopbackHost } from './loopback-host.ts';

export interface Health {
  ok: boolean;
  [detail: string]: unknown;
}

export interface HttpEndpoints {
  health: () => Health;
  metrics: () => string;
}

export class StatusServer {
  private server: Server | null = null;
  port = 0;

  constructor(
    private readonly opt: { host: string; port: number },
    private readonly endpoints: HttpEndpoints,
  ) {}

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      try {
        const path = (req.url ?? '/').split('?')[0];
        if (!isLoopbackHost(req.headers.host)) {
          res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request: only loopback host names are served\n');
        } else if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405, { allow: 'GET, HEAD' }).end();
        } else if (path === '/healthz') {
          const h = this.endpoints.health();
          res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(h) + '\n');
        } else if (path === '/metrics') {
          res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(this.endpoints.metrics());
        } else {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
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
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
