// The daemon under a stand-in systemd: READY=1 once listening, watchdog pings, RELOADING=1
// then READY=1 around a SIGHUP reload, STOPPING=1 on SIGTERM (see systemd/emotiond.service).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';
import { missingNotifyTools, notifySocket } from '../helpers/notify-socket.ts';
import { startDaemonProcess } from '../helpers/daemon-process.ts';
import { skipVisibly, tempDir } from '../unit/audio/audio-test-kit.ts';

/** Polls until `ok()` (notifications go through a child process: they take a moment). */
async function until(ok: () => boolean, what: string, ms = 10000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

const missing = [...missingNotifyTools(), ...(hasEspeak() ? [] : ['espeak-ng'])];

if (missing.length) {
  skipVisibly('the daemon under a stand-in systemd notification socket', `missing ${missing.join(', ')}`);
} else {
  test('READY after startup, WATCHDOG pings, RELOADING/READY on SIGHUP, STOPPING on SIGTERM', async () => {
    const sock = await notifySocket(join(tempDir('sd-e2e'), 'notify.sock'));
    const dir = tempDir('sd-e2e-cfg');
    const cfg = {
      state_dir: join(dir, 'state'),
      source: { type: 'file', path: speakSentences().dir, loop: true, stop_at_end: false },
      mqtt: { url: 'embedded', embedded_port: 0 },
      http: { enabled: false },
      log: { events_to_stdout: false },
    };
    // WATCHDOG_PID is left out: systemd sets it to the main pid, unknown before the spawn.
    const d = startDaemonProcess(join(dir, 'c.yaml'), cfg, { env: { NOTIFY_SOCKET: sock.path, WATCHDOG_USEC: '1000000' } });
    try {
      const states = () => sock.messages.filter((m) => m !== 'WATCHDOG=1');
      await d.waitLog((l) => l.msg === 'listening', 60000);
      await until(() => states().length >= 1 && sock.messages.includes('WATCHDOG=1'), 'READY and a watchdog ping');
      assert.is(states()[0], 'READY=1\nSTATUS=listening');
      d.child.kill('SIGHUP');
      await until(() => states().length >= 3, 'RELOADING and READY', 30000);
      assert.equal(states(), ['READY=1\nSTATUS=listening', 'RELOADING=1', 'READY=1\nSTATUS=config reloaded']);
      d.child.kill('SIGTERM');
      assert.is(await d.exited, 0, d.err.slice(-2000));
      await until(() => states().length >= 4, 'STOPPING');
      assert.is(states()[3], 'STOPPING=1');
    } finally {
      d.child.kill('SIGKILL');
      sock.close();
    }
  });
}

test.run();
