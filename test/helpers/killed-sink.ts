// The last-will check shared by the broker tests: an MqttSink in its own process
// (sink-child.ts) connects, is SIGKILLed, and the broker must publish its `offline` will
// promptly. Returns how long the will took, in ms, after asserting it came within 2 s.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { subscribe } from './subscriber.ts';

export async function assertWillOnSigkill(url: string, deviceId: string, protocolVersion: 4 | 5): Promise<number> {
  const sub = await subscribe(url, `emotiond/${deviceId}/availability`);
  const script = fileURLToPath(new URL('./sink-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, deviceId, String(protocolVersion)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (b: Buffer) => resolve(b.toString().trim()));
      child.once('exit', (code) => reject(new Error(`sink child exited early (${code}): ${stderr}`)));
    });
    assert.is(line, 'ready');
    await sub.waitFor((x) => x.payload === 'online');
    const killedAt = Date.now();
    child.kill('SIGKILL');
    const m = await sub.waitFor((x) => x.payload === 'offline' && x.at >= killedAt, 3000);
    assert.ok(m.at - killedAt < 2000, `will took ${m.at - killedAt} ms`);
    return m.at - killedAt;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sub.close();
  }
}
