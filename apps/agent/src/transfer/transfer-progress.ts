export interface TransferProgress {
  /** Bytes the destination holds: acknowledged chunks, plus what it held already (resumed, identical files). */
  bytesDone: number;
  bytesTotal: number;
  bytesSent: number;
  filesDone: number;
  filesTotal: number;
  /**
   * Bytes per second acknowledged over the last few seconds (RATE_WINDOW_MS): only bytes sent in
   * this attempt count. Bytes the destination already held (resumed from its journal, identical
   * files skipped) are done without being sent; counted as sent, one skipped 1 GB file read as
   * 160 Gbit/s and the ETA followed it.
   */
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
  bytesTotal: number;
  bytesResumed: number;
  private filesTotal: number;
  private bytesDone: number;
  private bytesAcked = 0;
  private filesDone = 0;
  private readonly startedAt = performance.now();
  private sendingFrom: number | undefined;
  private stoppedAt: number | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  /** (time, bytes acknowledged) at each report within the rate window, oldest first. */
  private readonly history: Array<{ at: number; bytes: number }>;

  constructor(private readonly options: ProgressMeterOptions) {
    this.bytesTotal = options.bytesTotal;
    this.filesTotal = options.filesTotal;
    this.bytesResumed = options.bytesResumed;
    this.bytesDone = options.bytesResumed;
    this.history = [{ at: this.startedAt, bytes: 0 }];
    if (options.onProgress) {
      this.timer = setInterval(() => this.emit(), options.intervalMs);
      this.timer.unref();
    }
  }

  /** Time since the first chunk went out (0 if none did). */
  get sendingMs(): number {
    if (this.sendingFrom === undefined) return 0;
    return (this.stoppedAt ?? performance.now()) - this.sendingFrom;
  }

  /** A chunk went out; the first one starts the sending time. */
  chunkSent(): void {
    this.sendingFrom ??= performance.now();
  }

  /** More of the tree was listed: the totals grow while the source is still being walked. */
  addListed(files: number, bytes: number): void {
    this.filesTotal += files;
    this.bytesTotal += bytes;
  }

  /** The destination's plan says it holds these bytes of a file already (resumed). */
  addResumed(bytes: number): void {
    this.bytesResumed += bytes;
    this.bytesDone += bytes;
  }

  addAcked(bytes: number): void {
    this.bytesDone += bytes;
    this.bytesAcked += bytes;
  }

  /** A file settled; skipped ones count their bytes as done without sending them. */
  addFileSettled(skippedBytes: number): void {
    this.filesDone += 1;
    this.bytesDone += skippedBytes;
  }

  stop(): void {
    if (this.stoppedAt !== undefined) return;
    this.stoppedAt = performance.now();
    clearInterval(this.timer);
    this.emit();
  }

  private emit(): void {
    const now = performance.now();
    this.history.push({ at: now, bytes: this.bytesAcked });
    while (this.history.length > 2 && now - (this.history[1]?.at ?? now) >= RATE_WINDOW_MS) this.history.shift();
    const oldest = this.history[0] ?? { at: now, bytes: this.bytesAcked };
    const rate = ((this.bytesAcked - oldest.bytes) * 1000) / Math.max(1, now - oldest.at);
    this.options.onProgress?.({
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      filesDone: this.filesDone,
      filesTotal: this.filesTotal,
      rateBytesPerSecond: Math.round(rate),
      ...this.options.snapshot(),
    });
  }
}
