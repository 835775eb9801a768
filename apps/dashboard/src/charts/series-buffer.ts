/**
 * Columns of a streaming time series for uPlot: `x` in seconds plus one array per series.
 * Every pushed point is kept (up to `capacity`, oldest dropped first), so a chart drawn less
 * often than samples arrive still shows every sample.
 */
export class SeriesBuffer {
  readonly x: number[] = [];
  readonly columns: Array<Array<number | null>>;

  constructor(
    readonly seriesCount: number,
    readonly capacity: number,
  ) {
    this.columns = Array.from({ length: seriesCount }, () => []);
  }

  get length() {
    return this.x.length;
  }

  /** Adds a point; points older than the last are inserted in order (a late replay). Same-time points replace. */
  push(tsSeconds: number, values: Array<number | null>) {
    let index = this.x.length;
    while (index > 0 && (this.x[index - 1] ?? 0) > tsSeconds) index -= 1;
    if (index > 0 && this.x[index - 1] === tsSeconds) {
      for (let s = 0; s < this.seriesCount; s += 1)
        (this.columns[s] as Array<number | null>)[index - 1] = values[s] ?? null;
      return;
    }
    this.x.splice(index, 0, tsSeconds);
    for (let s = 0; s < this.seriesCount; s += 1)
      (this.columns[s] as Array<number | null>).splice(index, 0, values[s] ?? null);
    const excess = this.x.length - this.capacity;
    if (excess > 0) {
      this.x.splice(0, excess);
      for (const column of this.columns) column.splice(0, excess);
    }
  }

  clear() {
    this.x.length = 0;
    for (const column of this.columns) column.length = 0;
  }

  /** uPlot's data shape. */
  data(): [number[], ...Array<Array<number | null>>] {
    return [this.x, ...this.columns];
  }
}

/**
 * Runs `draw` at most once per `intervalMs`, however often `request()` is called: the first
 * request draws at once, later ones within the interval coalesce into one trailing draw.
 */
export class DrawThrottle {
  private last = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;
  draws = 0;

  constructor(
    private readonly draw: () => void,
    private readonly intervalMs = 100,
    private readonly clock: {
      now: () => number;
      setTimer: (run: () => void, ms: number) => unknown;
      clearTimer: (timer: unknown) => void;
    } = {
      now: () => performance.now(),
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (timer) => clearTimeout(timer as number),
    },
  ) {}

  request() {
    if (this.timer !== null) return;
    const wait = this.last + this.intervalMs - this.clock.now();
    if (wait <= 0) return this.run();
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.run();
    }, wait);
  }

  cancel() {
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private run() {
    this.last = this.clock.now();
    this.draws += 1;
    this.draw();
  }
}
