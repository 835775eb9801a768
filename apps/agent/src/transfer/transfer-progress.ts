export interface TransferProgress {
  bytesDone: number;
  bytesTotal: number;
  bytesSent: number;
  filesDone: number;
  filesTotal: number;
  /** Acknowledged bytes per second over the last interval. */
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

/** Counts what is done and reports it on a timer, so callers get a few events a second at most. */
export class ProgressMeter {
  readonly bytesTotal: number;
  readonly bytesResumed: number;
  private bytesDone: number;
  private filesDone = 0;
  private readonly timer: NodeJS.Timeout | undefined;
  private lastBytes: number;
  private lastTime = performance.now();
  private stopped = false;

  constructor(private readonly options: ProgressMeterOptions) {
    this.bytesTotal = options.bytesTotal;
    this.bytesResumed = options.bytesResumed;
    this.bytesDone = options.bytesResumed;
    this.lastBytes = this.bytesDone;
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
    const elapsed = Math.max(1, now - this.lastTime);
    const rate = ((this.bytesDone - this.lastBytes) * 1000) / elapsed;
    this.lastTime = now;
    this.lastBytes = this.bytesDone;
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
