// DNS rebinding: the status server answers loopback Host names only. IPv6 addresses are
// written in brackets wherever they form a URL.
import { request } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StatusServer } from '../../../daemon/log/http-server.ts';
import { isLoopbackHost } from '../../../daemon/log/loopback-host.ts';
import { hostInUrl } from '../../../daemon/app/daemon-parts.ts';

function get(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

test('a request naming another host (a rebound DNS name) is refused; loopback names are served', async () => {
  const s = new StatusServer({ host: '127.0.0.1', port: 0 }, { health: () => ({ ok: true }), metrics: () => '' });
  await s.start();
  try {
    assert.is(await get(s.port, 'evil.example.com'), 421);
    assert.is(await get(s.port, `evil.example.com:${s.port}`), 421);
    assert.is(await get(s.port, `127.0.0.1.evil.example:${s.port}`), 421);
    assert.is(await get(s.port, `127.0.0.1:${s.port}`), 200);
    assert.is(await get(s.port, `localhost:${s.port}`), 200);
  } finally {
    await s.stop();
  }
});

test('loopback host names', () => {
  for (const h of ['127.0.0.1', '127.0.0.1:9464', 'LOCALHOST:1', '[::1]:9464', '[::1]']) assert.ok(isLoopbackHost(h), h);
  for (const h of [undefined, '', 'example.com', '10.0.0.1:9464', '::1', '[::2]:9464', 'localhost.evil']) assert.not.ok(isLoopbackHost(h), String(h));
});

test('an IPv6 host goes in brackets in a URL', () => {
  assert.is(hostInUrl('::1'), '[::1]');
  assert.is(hostInUrl('127.0.0.1'), '127.0.0.1');
  assert.is(new URL(`http://${hostInUrl('::1')}:9464/healthz`).port, '9464');
});

test.run();
