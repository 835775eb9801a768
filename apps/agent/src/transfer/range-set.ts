/** Byte ranges held, kept sorted and merged: `[offset, length]` pairs on the wire. */
export class RangeSet {
  private ranges: Array<[start: number, end: number]> = [];

  static fromPairs(pairs: ReadonlyArray<readonly [number, number]>): RangeSet {
    const set = new RangeSet();
    for (const [offset, length] of pairs) set.add(offset, length);
    return set;
  }

  add(offset: number, length: number): void {
    if (length <= 0) return;
    let start = offset;
    let end = offset + length;
    const kept: Array<[number, number]> = [];
    for (const range of this.ranges) {
      if (range[1] < start || range[0] > end) kept.push(range);
      else {
        start = Math.min(start, range[0]);
        end = Math.max(end, range[1]);
      }
    }
    kept.push([start, end]);
    kept.sort((a, b) => a[0] - b[0]);
    this.ranges = kept;
  }

  get bytes(): number {
    let total = 0;
    for (const [start, end] of this.ranges) total += end - start;
    return total;
  }

  covers(size: number): boolean {
    if (size === 0) return true;
    const first = this.ranges[0];
    return this.ranges.length === 1 && first !== undefined && first[0] === 0 && first[1] >= size;
  }

  toPairs(): Array<[number, number]> {
    return this.ranges.map(([start, end]) => [start, end - start]);
  }

  /** The gaps in `[0, size)`, as `[offset, length]`. */
  missing(size: number): Array<[number, number]> {
    const gaps: Array<[number, number]> = [];
    let cursor = 0;
    for (const [start, end] of this.ranges) {
      if (start >= size) break;
      if (start > cursor) gaps.push([cursor, start - cursor]);
      cursor = Math.max(cursor, end);
    }
    if (cursor < size) gaps.push([cursor, size - cursor]);
    return gaps;
  }
}
