// A stand-in for systemd's notification socket (python3 notify-receiver.py), so sd_notify
// is tested without systemd running: every datagram received is kept, BARRIER=1 left out.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./notify-receiver.py', import.meta.url));
const has = (cmd: string, arg: string) => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;

/** What is missing to run these tests (python3, systemd-notify), empty when all is there. */
export function missingNotifyTools(): string[] {
  return [!has('python3', '--version') && 'python3', !has('systemd-notify', '--version') && 'systemd-notify'].filter((x): x is string => !!x);
}

export interface NotifySocket {
  path: string;
  messages: string[];
  close(): void;
}

export async function notifySocket(path: string): Promise<NotifySocket> {
  const proc: ChildProcess = spawn('python3', [script, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    proc.once('exit', (code) => reject(new Error(`notify-receiver.py exited with ${code}`)));
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        const m = JSON.parse(l) as string;
        if (m === 'bound') resolve();
        else if (m !== 'BARRIER=1') messages.push(m);
      }
    });
  });
  return { path, messages, close: () => void proc.kill() };
}
