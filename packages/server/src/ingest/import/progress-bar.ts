/**
 * The import's progress on standard error: a bar over the file's bytes, records per second and what became
 * of them. Redrawn in place on a terminal (at most five times a second); elsewhere one line per tenth.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private lastTenth = -1;
  private bytes = 0;
  private records = 0;
  private rejected = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(bytes: number, records?: number, rejected?: number): void {
    this.bytes = bytes;
    if (records !== undefined) this.records = records;
    if (rejected !== undefined) this.rejected = rejected;
    const now = performance.now();
    if (this.out.isTTY) {
      if (now - this.lastDraw < 200) return;
      this.lastDraw = now;
      this.out.write(`\r${this.line()}`);
      return;
    }
    const tenth = Math.floor((10 * this.bytes) / Math.max(1, this.totalBytes));
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.out.write(`${this.line()}\n`);
    }
  }

  done(): void {
    if (this.out.isTTY) this.out.write(`\r${this.line()}\n`);
  }

  private line(): string {
    const share = Math.min(1, this.bytes / Math.max(1, this.totalBytes));
    const width = 30;
    const filled = Math.round(share * width);
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(this.records / seconds) : 0;
    return (
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ` +
      `${this.records.toLocaleString('en-US')} records committed, ${this.rejected.toLocaleString('en-US')} rejected, ` +
      `${rate.toLocaleString('en-US')} records/s`
    );
  }
}
