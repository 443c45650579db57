// Runs one MqttSink in its own process so a test can SIGKILL it and watch the broker
// publish the last will. Usage: tsx sink-child.ts URL DEVICE_ID [4|5]
// Prints "ready" once connected; SIGTERM stops the sink gracefully.
import { MqttSink } from '../../daemon/sinks/mqtt-sink.ts';

const [url, deviceId, version] = process.argv.slice(2);
if (!url || !deviceId) {
  console.error('usage: sink-child.ts URL DEVICE_ID [4|5]');
  process.exit(2);
}
const sink = new MqttSink({
  url,
  deviceId,
  protocolVersion: version === '5' ? 5 : 4,
  logger: (level, msg) => console.error(`[${level}] ${msg}`),
});
await sink.start();
console.log(sink.connected ? 'ready' : 'not-connected');
process.on('SIGTERM', () => {
  void sink.stop().then(() => process.exit(0));
});
// Keep the process alive until a signal ends it.
setInterval(() => {}, 1 << 30);
