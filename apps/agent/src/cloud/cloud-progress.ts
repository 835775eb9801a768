/** Counters behind a cloud transfer's progress reports, with the rate over the last few seconds. */
export class CloudProgress {
  bytesTotal = 0;
  bytesDone = 0;
  filesTotal = 0;
  filesDone = 0;
  private readonly samples: { at: number; bytes: number }[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  addTotal(files: number, bytes: number) {
    this.filesTotal += files;
    this.bytesTotal += bytes;
  }

  addBytes(bytes: number) {
    this.bytesDone += bytes;
  }

  fileDone() {
    this.filesDone++;
  }

  /** Bytes per second over the last 5 s (sampled on each call: call it about once a second). */
  rateBytesPerSecond(): number {
    const at = this.now();
    this.samples.push({ at, bytes: this.bytesDone });
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > 5_000) this.samples.shift();
    const first = this.samples[0];
    if (!first || at - first.at <= 0) return 0;
    return ((this.bytesDone - first.bytes) * 1000) / (at - first.at);
  }
}
