/**
 * A one-line progress bar on stderr — phase, percent, rows or records per second — redrawn in place on a
 * terminal at most ten times a second, and printed as plain lines (one per phase) when stderr is a file.
 */
export interface ProgressBar {
  update(phase: string, fraction: number, done: number, unit: string): void;
  finish(line: string): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const tty = stream.isTTY;
  let phase = '';
  let phaseStarted = performance.now();
  let drawn = 0;
  return {
    update(next, fraction, done, unit) {
      const now = performance.now();
      if (next !== phase) {
        phase = next;
        phaseStarted = now;
        if (!tty) stream.write(`demo: ${phase}…\n`);
      }
      if (!tty || (now - drawn < 100 && fraction < 1)) return;
      drawn = now;
      const width = 30;
      const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
      const rate = done / Math.max(0.001, (now - phaseStarted) / 1000);
      stream.write(
        `\r\x1b[Kdemo [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
          `${phase}: ${done.toLocaleString('en')} ${unit}, ${Math.round(rate).toLocaleString('en')} ${unit}/s`,
      );
    },
    finish(line) {
      stream.write(`${tty ? '\r\x1b[K' : ''}${line}\n`);
    },
  };
}
