/**
 * Ends the run with one plain line, `vitest: N passed, N failed, N skipped`, that CI reads to tell
 * a run that tested something from one that ran nothing. Skipped tests are counted apart, never as passes.
 */
import type { Reporter, TestModule } from 'vitest/node';

export class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count.passed += 1;
        else if (state === 'failed') failedHere += 1;
        else count.skipped += 1;
      }
      // A file that failed outside its tests (it did not load, or a beforeAll threw and its tests were
      // skipped) is a failure too, counted once.
      count.failed += failedHere > 0 ? failedHere : module.state() === 'failed' ? 1 : 0;
    }
    process.stdout.write(`\nvitest: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`);
  }
}
