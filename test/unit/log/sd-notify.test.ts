// sd_notify through systemd-notify, against a stand-in notification socket (python3):
// READY/STATUS, RELOADING, STOPPING, watchdog pings at half of WATCHDOG_USEC; and nothing
// at all without NOTIFY_SOCKET.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { SdNotify } from '../../../daemon/log/sd-notify.ts';
import { missingNotifyTools, notifySocket } from '../../helpers/notify-socket.ts';
import { skipVisibly, tempDir } from '../audio/audio-test-kit.ts';

const missing = missingNotifyTools();
const socket = () => notifySocket(join(tempDir('notify'), 'notify.sock'));

if (missing.length) {
  skipVisibly('sd_notify through systemd-notify (2 tests)', `missing ${missing.join(', ')}`);
} else {
  test('ready, reloading, status and stopping reach the socket, in order', async () => {
    const r = await socket();
    try {
      const sd = new SdNotify({ env: { ...process.env, NOTIFY_SOCKET: r.path }, onError: (m) => assert.unreachable(m) });
      assert.ok(sd.enabled);
      await sd.ready('listening');
      await sd.reloading();
      await sd.ready('config reloaded');
      await sd.stopping();
      assert.equal(r.messages, ['READY=1\nSTATUS=listening', 'RELOADING=1', 'READY=1\nSTATUS=config reloaded', 'STOPPING=1']);
    } finally {
      r.close();
    }
  });

  test('watchdog pings at half of WATCHDOG_USEC while alive() says so', async () => {
    const r = await socket();
    try {
      const sd = new SdNotify({ env: { ...process.env, NOTIFY_SOCKET: r.path, WATCHDOG_USEC: '400000', WATCHDOG_PID: String(process.pid) } });
      assert.is(sd.watchdogMs, 200);
      let alive = true;
      sd.startWatchdog(() => alive);
      await new Promise((res) => setTimeout(res, 1100));
      alive = false;
      await new Promise((res) => setTimeout(res, 100)); // a ping already on its way lands
      const n = r.messages.filter((m) => m === 'WATCHDOG=1').length;
      assert.ok(n >= 3 && n <= 6, `${n} pings in 1.1 s`);
      await new Promise((res) => setTimeout(res, 600));
      assert.is(r.messages.filter((m) => m === 'WATCHDOG=1').length, n, 'no ping once not alive');
      sd.stopWatchdog();
    } finally {
      r.close();
    }
  });
}

test('without NOTIFY_SOCKET nothing is sent and no watchdog runs; a watchdog for another pid is ignored', async () => {
  let spawned = false;
  const sd = new SdNotify({ env: {}, bin: '/nonexistent/systemd-notify', onError: () => (spawned = true) });
  assert.not.ok(sd.enabled);
  await sd.ready('x');
  await sd.stopping();
  assert.is(sd.watchdogMs, 0);
  assert.not.ok(spawned);
  assert.is(new SdNotify({ env: { NOTIFY_SOCKET: '/x', WATCHDOG_USEC: '1000000', WATCHDOG_PID: '1' } }).watchdogMs, 0);
});

test.run();
