export interface TransferProgress {
  bytesDone: number;
  bytesTotal: number;
  bytesSent: number;
  filesDone: number;
  filesTotal: number;
  /** Acknowledged bytes per second over the last few seconds (RATE_WINDOW_MS). */
  rateBytesPerSecond: number;
  streams: number;
  chunkSize: number;
}

export interface ProgressMeterOptions {
  bytesTotal: number;
  filesTotal: number;
  bytesResumed: number;
  intervalMs: number;
  onProgress: ((progress: TransferProgress) => void) | undefined;
  snapshot: () => { streams: number; chunkSize: number; bytesSent: number };
}

/**
 * Acks arrive a chunk at a time: at 2 MB/s with 4 MiB chunks, one every two seconds. A rate over
 * one progress interval would swing between zero and double; over this window it holds steady.
 */
const RATE_WINDOW_MS = 5000;

/** Counts what is done and reports it on a timer, so callers get a few events a second at most. */
export class ProgressMeter {
  readonly bytesTotal: number;
  readonly bytesResumed: number;
  private bytesDone: number;
  private filesDone = 0;
  private readonly timer: NodeJS.Timeout | undefined;
  /** (time, bytesDone) at each report within the rate window, oldest first. */
  private readonly history: Array<{ at: number; bytes: number }>;
  private stopped = false;

  constructor(private readonly options: ProgressMeterOptions) {
    this.bytesTotal = options.bytesTotal;
    this.bytesResumed = options.bytesResumed;
    this.bytesDone = options.bytesResumed;
    this.history = [{ at: performance.now(), bytes: this.bytesDone }];
    if (options.onProgress) {
      this.timer = setInterval(() => this.emit(), options.intervalMs);
      this.timer.unref();
    }
  }

  addAcked(bytes: number): void {
    this.bytesDone += bytes;
  }

  /** A file settled; skipped ones count their bytes as done without sending them. */
  addFileSettled(skippedBytes: number): void {
    this.filesDone += 1;
    this.bytesDone += skippedBytes;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.emit();
  }

  private emit(): void {
    const now = performance.now();
    this.history.push({ at: now, bytes: this.bytesDone });
    while (this.history.length > 2 && now - (this.history[1]?.at ?? now) >= RATE_WINDOW_MS) this.history.shift();
    const oldest = this.history[0] ?? { at: now, bytes: this.bytesDone };
    const rate = ((this.bytesDone - oldest.bytes) * 1000) / Math.max(1, now - oldest.at);
    this.options.onProgress?.({
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      filesDone: this.filesDone,
      filesTotal: this.options.filesTotal,
      rateBytesPerSecond: Math.round(rate),
      ...this.options.snapshot(),
    });
  }
}
