// The live status page in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core): it loads with the token, shows an utterance soon after the daemon
// publishes its event, and carries on by itself across a daemon restart. Without Chromium
// the test is reported as skipped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { findMosquitto, startMosquitto, type Mosquitto } from '../helpers/mosquitto.ts';
import { subscribe } from '../helpers/subscriber.ts';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';
import { ROOT, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.ts';
import { freePort } from '../helpers/free-port.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const missing = [
  !existsSync(CHROMIUM) && `chromium (${CHROMIUM})`,
  !findMosquitto() && 'mosquitto',
  !hasEspeak() && 'espeak-ng',
  !existsSync(join(ROOT, 'models/emotion.onnx')) && 'models/emotion.onnx',
].filter(Boolean);
const it = missing.length ? test.skip : test;
if (missing.length) console.log(`SKIP status page in Chromium: missing ${missing.join(', ')}`);

const TOKEN = 'status-page-test-token-0123456789';
/** What the brief asks of a headless Chromium here: nothing of its own reaches the network. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let broker: Mosquitto;
let browser: BrowserContext;
const running: DaemonProcess[] = [];

test.before(async () => {
  if (missing.length) return;
  broker = await startMosquitto();
  // A fresh profile each run (--user-data-dir: playwright takes it as the persistent context's folder).
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'emotiond-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1200, height: 760 },
  });
});
test.after(async () => {
  for (const d of running) d.child.kill('SIGKILL');
  await browser?.close();
  await broker?.stop();
});

it('the page loads with the token, shows each utterance within 2 s of its event, and survives a restart', async () => {
  const speech = speakSentences();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-page-'));
  const start = () => {
    const d = startDaemonProcess(join(dir, 'config.json'), {
      device_id: 'page-1',
      state_dir: join(dir, 'state'),
      http: { port, token: TOKEN },
      source: { type: 'file', path: speech.dir, speed: 1, gap_s: 1, loop: true },
      mqtt: { url: broker.url },
      summary: { interval_s: 10 },
      log: { level: 'info', events_to_stdout: false },
    });
    running.push(d);
    return d;
  };
  const sub = await subscribe(broker.url, 'emotiond/page-1/event');
  let d = start();
  try {
    await d.waitLog((l) => l.msg === 'listening', 60000);

    // Without the token: 401, for the page and for its stream.
    assert.is((await fetch(`http://127.0.0.1:${port}/`)).status, 401);
    assert.is((await fetch(`http://127.0.0.1:${port}/events`)).status, 401);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(`http://127.0.0.1:${port}/?token=${TOKEN}`);
    assert.is(response?.status(), 200);
    await page.waitForSelector('#conn.live', { timeout: 10000 });
    assert.is(await page.textContent('#device'), 'page-1');

    /** The next final event published from now on must appear on the page within 2 s. */
    const nextEventShown = async () => {
      const seen = sub.messages.length;
      const m = await sub.waitFor((x) => sub.messages.indexOf(x) >= seen && JSON.parse(x.payload).final, 60000);
      const e = JSON.parse(m.payload);
      await page.waitForSelector(`#timeline li.final[data-event-id="${e.event_id}"]`, { timeout: 2000 });
      const row = await page.textContent(`#timeline li[data-event-id="${e.event_id}"]`);
      assert.ok(row?.includes(e.emotion), `${row} shows ${e.emotion}`);
      return e;
    };
    await nextEventShown();
    await nextEventShown();
    // Input level and VAD activity: while the next sentence plays, the level is up and speech lit.
    await page.waitForSelector('#vad.on', { timeout: 15000 });
    await page.waitForFunction(() => Number(document.getElementById('level')!.textContent) > -60, null, { timeout: 5000 });
    assert.match((await page.textContent('#capture')) ?? '', /listening/);
    assert.match((await page.textContent('#mqtt')) ?? '', /MQTT connected/);
    if (process.env.STATUS_PAGE_SCREENSHOT) {
      await page.screenshot({ path: process.env.STATUS_PAGE_SCREENSHOT });
    }

    // Restart the daemon on the same port: the open page reconnects by itself.
    d.child.kill('SIGTERM');
    assert.is(await d.exited, 0);
    await page.waitForSelector('#conn.down', { timeout: 10000 });
    d = start();
    await page.waitForSelector('#conn.live', { timeout: 60000 });
    await nextEventShown();
    assert.equal(errors, [], 'no script errors on the page');
    await page.close();
  } finally {
    d.child.kill('SIGTERM');
    await d.exited;
    await sub.close();
  }
});

test.run();
