/**
 * Progress output of the audit command: a bar with ETA on a terminal (redrawn in place on
 * stderr), plain lines otherwise (CI logs). The formatting is pure; Progress only writes.
 */

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--:--';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Remaining time from the mean time per finished page; unknown before the first page. */
export function eta(done: number, total: number, elapsedMs: number): number {
  if (done <= 0) return NaN;
  return Math.max(0, total - done) * (elapsedMs / done);
}

export function progressBar(done: number, total: number, elapsedMs: number, label = '', width = 24): string {
  const frac = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(frac * width);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  const pct = `${Math.round(frac * 100)}%`.padStart(4);
  const tail = label ? ` ${label}` : '';
  return `[${bar}] ${done}/${total} ${pct} ETA ${formatDuration(eta(done, total, elapsedMs))}${tail}`;
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export class Progress {
  private readonly started = Date.now();
  private done = 0;
  private total = 0;
  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = Date.now,
  ) {}

  private get tty(): boolean {
    return !!this.stream.isTTY;
  }

  /** A page is starting: on a terminal the bar shows it; plain output stays quiet. */
  start(total: number, url: string): void {
    this.total = total;
    if (this.tty) this.redraw(`→ ${url}`);
  }

  /** A page finished (or failed): one permanent line, then the bar again on a terminal. */
  page(index: number, total: number, line: string): void {
    this.done = index + 1;
    this.total = total;
    if (this.tty) {
      this.stream.write(`\r\x1b[K[${index + 1}/${total}] ${line}\n`);
      this.redraw('');
    } else this.stream.write(`[${index + 1}/${total}] ${line}\n`);
  }

  /** Clears the bar (before the summary is printed). */
  end(): void {
    if (this.tty) this.stream.write('\r\x1b[K');
  }

  private redraw(label: string): void {
    const width = Math.max(40, this.stream.columns ?? 100);
    const line = progressBar(this.done, this.total, this.now() - this.started, label);
    this.stream.write(`\r\x1b[K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
  }
}
