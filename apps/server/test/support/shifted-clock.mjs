// Preloaded into a real agent process (`node --import`) to give it a wrong wall clock, as a
// machine whose clock is off has: Date.now() and new Date() read the real time plus the number of
// milliseconds in the file named by TCPA_TEST_CLOCK_OFFSET_FILE, re-read every 100 ms so a test
// can step the clock of a running process. The monotonic clock (performance.now) is untouched.
import { readFileSync } from 'node:fs';

const file = process.env.TCPA_TEST_CLOCK_OFFSET_FILE;
let offsetMs = 0;
function readOffset() {
  try {
    offsetMs = Number(readFileSync(file, 'utf8')) || 0;
  } catch {
    // keep the last offset
  }
}
readOffset();
setInterval(readOffset, 100).unref();

const RealDate = Date;
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offsetMs;
  }
}
globalThis.Date = ShiftedDate;
