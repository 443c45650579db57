// DNS rebinding: the status server bound to loopback answers loopback Host names only; bound
// elsewhere, the token it then requires guards every request. IPv6 addresses are written in
// brackets wherever they form a URL.
import { request } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StatusServer } from '../../../daemon/log/http-server.ts';
import { isLoopbackHost } from '../../../daemon/log/loopback-host.ts';
import { hostInUrl } from '../../../daemon/app/daemon-parts.ts';

function get(port: number, host: string, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const req = request({ host: '127.0.0.1', port, path: '/healthz', headers }, (res) => {
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

test('off loopback the token guards instead: any Host name with the token is served, none without it', async () => {
  const token = 'a-token-of-sixteen-or-more';
  const s = new StatusServer({ host: '0.0.0.0', port: 0, token }, { health: () => ({ ok: true }), metrics: () => '' });
  await s.start();
  try {
    assert.is(await get(s.port, `kiosk-1.lan:${s.port}`, token), 200);
    assert.is(await get(s.port, `kiosk-1.lan:${s.port}`), 401);
    assert.is(await get(s.port, `kiosk-1.lan:${s.port}`, 'another-token-of-16-chars'), 401);
    // A reload with a new token on the same listener: the old one is refused from then on.
    s.setToken('the-new-token-0123456789');
    assert.is(await get(s.port, `kiosk-1.lan:${s.port}`, token), 401);
    assert.is(await get(s.port, `kiosk-1.lan:${s.port}`, 'the-new-token-0123456789'), 200);
  } finally {
    await s.stop();
  }
});

test('on loopback with a token, both hold: a rebound name is refused even with the token', async () => {
  const token = 'a-token-of-sixteen-or-more';
  const s = new StatusServer({ host: '127.0.0.1', port: 0, token }, { health: () => ({ ok: true }), metrics: () => '' });
  await s.start();
  try {
    assert.is(await get(s.port, `evil.example.com:${s.port}`, token), 421);
    assert.is(await get(s.port, `127.0.0.1:${s.port}`), 401);
    assert.is(await get(s.port, `127.0.0.1:${s.port}`, token), 200);
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
