// An in-process MQTT broker (aedes) for `mqtt.url: embedded`, so the daemon runs where no
// broker is installed. aedes speaks MQTT 3.1.1 only: clients must use protocolVersion 4.
// It binds loopback by default: it has no authentication, so it must not face a network.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { EmotiondError, errorMessage } from '../core/errors.ts';

export interface EmbeddedBroker {
  url: string;
  port: number;
  /** The port asked for, when it was taken and `freePortIfTaken` moved the broker elsewhere. */
  takenPort?: number;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(
  opts: { host?: string; port?: number; freePortIfTaken?: boolean } = {},
): Promise<EmbeddedBroker> {
  const host = opts.host ?? '127.0.0.1';
  // Loaded only when used: most installations publish to a broker of their own.
  const { Aedes } = await import('aedes');
  const broker = await Aedes.createBroker();
  const server = createServer((socket: Socket) => broker.handle(socket));
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  let takenPort: number | undefined;
  try {
    try {
      await listen(opts.port ?? 0);
    } catch (err) {
      // Debian's mosquitto package starts a system broker on 1883, the default port: a
      // demo or first run then goes on, on a free port, instead of failing on EADDRINUSE.
      if (!opts.freePortIfTaken || !opts.port || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      takenPort = opts.port;
      await listen(0);
    }
  } catch (err) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw new EmotiondError('BROKER', `embedded broker cannot listen on ${host}:${opts.port ?? 0}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `mqtt://${urlHost}:${port}`,
    port,
    takenPort,
    close(): Promise<void> {
      // server.close() waits for every client to hang up: drop them so shutdown is bounded.
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }).then(() => new Promise<void>((resolve) => broker.close(() => resolve())));
      return closing;
    },
  };
}
