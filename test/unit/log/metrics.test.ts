// The Prometheus text rendering, and the loopback status server serving it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MetricsRegistry } from '../../../daemon/log/metrics.ts';
import { StatusServer } from '../../../daemon/log/http-server.ts';

test('counters, gauges, histograms in the text format, labels escaped', () => {
  const r = new MetricsRegistry();
  const c = r.counter('x_total', 'Things.');
  c.inc();
  c.inc(2, { kind: 'a"b\\c' });
  r.gauge('depth', 'Depth.', () => 7);
  r.counterFrom('cpu_seconds_total', 'CPU.', () => 1.5);
  const h = r.histogram('lat_seconds', 'Latency.', [0.1, 1]);
  h.observe(0.05);
  h.observe(0.5);
  h.observe(3);
  assert.is(
    r.render(),
    [
      '# HELP x_total Things.', '# TYPE x_total counter', 'x_total 1', 'x_total{kind="a\\"b\\\\c"} 2',
      '# HELP depth Depth.', '# TYPE depth gauge', 'depth 7',
      '# HELP cpu_seconds_total CPU.', '# TYPE cpu_seconds_total counter', 'cpu_seconds_total 1.5',
      '# HELP lat_seconds Latency.', '# TYPE lat_seconds histogram',
      'lat_seconds_bucket{le="0.1"} 1', 'lat_seconds_bucket{le="1"} 2', 'lat_seconds_bucket{le="+Inf"} 3', 'lat_seconds_sum 3.55', 'lat_seconds_count 3',
      '',
    ].join('\n'),
  );
  assert.is(new MetricsRegistry().counter('n_total', 'N.').get(), 0);
});

test('the status server: /healthz 200 or 503, /metrics as text, 404 and 405 otherwise', async () => {
  let ok = true;
  const s = new StatusServer({ host: '127.0.0.1', port: 0 }, { health: () => ({ ok, detail: 1 }), metrics: () => 'm 1\n' });
  await s.start();
  const get = (p: string, method = 'GET') => fetch(`http://127.0.0.1:${s.port}${p}`, { method });
  let r = await get('/healthz');
  assert.is(r.status, 200);
  assert.equal(await r.json(), { ok: true, detail: 1 });
  ok = false;
  assert.is((await get('/healthz')).status, 503);
  r = await get('/metrics');
  assert.match(r.headers.get('content-type') ?? '', /text\/plain; version=0\.0\.4/);
  assert.is(await r.text(), 'm 1\n');
  assert.is((await get('/')).status, 404);
  assert.is((await get('/metrics', 'POST')).status, 405);
  await s.stop();
  await s.stop();
});

test('labelled counters start at 0 for every known label value (increase() sees the first one)', () => {
  const r = new MetricsRegistry();
  const c = r.counter('cmd_total', 'Commands.', { command: ['mute', 'reload'], result: ['accepted', 'rejected'] });
  c.inc(1, { command: 'reload', result: 'accepted' });
  assert.equal(r.render().split('\n').filter((l) => l.startsWith('cmd_total')), [
    'cmd_total{command="mute",result="accepted"} 0',
    'cmd_total{command="mute",result="rejected"} 0',
    'cmd_total{command="reload",result="accepted"} 1',
    'cmd_total{command="reload",result="rejected"} 0',
  ]);
  r.gaugeSeries('b_info', 'Build.', () => [[{ version: '1' }, 1]]);
  assert.match(r.render(), /# TYPE b_info gauge\nb_info\{version="1"\} 1\n/);
});

test('with a token, every request without it (or with a wrong one) gets 401', async () => {
  const s = new StatusServer({ host: '127.0.0.1', port: 0, token: 'a-long-enough-token' }, { health: () => ({ ok: true }), metrics: () => 'm 1\n' });
  await s.start();
  const url = `http://127.0.0.1:${s.port}`;
  assert.is((await fetch(`${url}/healthz`)).status, 401);
  assert.is((await fetch(`${url}/metrics?token=wrong`)).status, 401);
  assert.is((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-but-long-enough' } })).status, 401);
  assert.is((await fetch(`${url}/metrics?token=a-long-enough-token`)).status, 200);
  assert.is((await fetch(`${url}/healthz`, { headers: { authorization: 'Bearer a-long-enough-token' } })).status, 200);
  await s.stop();
});

test('a taken port is a clear error naming it', async () => {
  const a = new StatusServer({ host: '127.0.0.1', port: 0 }, { health: () => ({ ok: true }), metrics: () => '' });
  await a.start();
  const b = new StatusServer({ host: '127.0.0.1', port: a.port }, { health: () => ({ ok: true }), metrics: () => '' });
  const err = await b.start().then(() => null, (e: Error) => e);
  assert.match(err?.message ?? '', new RegExp(`http: cannot listen on 127\\.0\\.0\\.1:${a.port}`));
  await a.stop();
});

test.run();
