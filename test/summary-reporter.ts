import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const SLOWEST_SHOWN = 10;

/**
 * Prints the run's wall time and its slowest test files, then one plain closing line,
 * "N passed, N failed, N skipped", that any CI can read.
 */
export default class SummaryReporter implements Reporter {
  // Set at construction so the first run's wall time includes global setup (the migrated templates).
  private startedAt = performance.now();
  private runs = 0;

  onTestRunStart() {
    if (this.runs++ > 0) this.startedAt = performance.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const wallSeconds = (performance.now() - this.startedAt) / 1000;
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    const slowest = testModules
      .map((module) => ({ module, seconds: fileSeconds(module) }))
      .sort((x, y) => y.seconds - x.seconds)
      .slice(0, SLOWEST_SHOWN);
    const lines = [`\nSlowest test files (of ${testModules.length}):`];
    for (const { module, seconds } of slowest) {
      const path = relative(module.project.config.root, module.moduleId);
      lines.push(`${seconds.toFixed(1).padStart(8)} s  ${module.project.name.padEnd(9)} ${path}`);
    }
    lines.push(`Wall time: ${formatMinutes(wallSeconds)}`);
    lines.push(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    console.log(lines.join('\n'));
  }
}

/** What the file cost its worker: environment, setup, import and collection, then its tests and hooks. */
function fileSeconds(module: TestModule): number {
  const d = module.diagnostic();
  return (d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration) / 1000;
}

function formatMinutes(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m ${(seconds - minutes * 60).toFixed(1).padStart(4, '0')}s`;
}
