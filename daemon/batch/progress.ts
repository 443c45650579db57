// Progress of a batch on stderr: "emotiond: analyze 120/535 files (2 jobs)". On a terminal
// it is rewritten in place; otherwise (logs, pipes, tests) a line every 5 s, and a last one
// only if an earlier one was written, so a short run adds nothing to its log.

export function batchProgress(label: string, jobs: number, stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  const tty = stream.isTTY === true;
  let last = Date.now(), shown = false;
  return (done, total) => {
    const now = Date.now(), end = done === total;
    if (!(end && (tty || shown)) && now - last < (tty ? 200 : 5000)) return;
    last = now;
    shown = true;
    const text = `emotiond: ${label} ${done}/${total} files (${jobs} job${jobs === 1 ? '' : 's'})`;
    stream.write(tty ? `\r${text}${end ? '\n' : ''}` : `${text}\n`);
  };
}
