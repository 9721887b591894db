// Stats a share of the files a rebuild checks (see stat-files.ts): plain JavaScript, so it
// starts in milliseconds, without the TypeScript loader. Paths come as one text, or as a range
// of UTF-8 bytes in a shared buffer (a ByteShare), a path a line; an empty one names no file.
import { Buffer } from 'node:buffer';
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

parentPort.once('message', (message) => {
  const lines =
    typeof message === 'string'
      ? message
      : Buffer.from(message.buffer, message.start, message.end - message.start).toString('utf8');
  const paths = lines === '' ? [] : lines.split('\n');
  const stats = new Float64Array(paths.length * 2);
  paths.forEach((file, i) => {
    const info = statSync(file, { throwIfNoEntry: false });
    stats[i * 2] = info ? info.size : -1;
    stats[i * 2 + 1] = info ? info.mtimeMs : -1;
  });
  parentPort.postMessage(stats, [stats.buffer]);
});
