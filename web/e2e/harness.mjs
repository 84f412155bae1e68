// A small sequential test runner for one browser scenario: each step is timed; after the
// first failure the rest are skipped (they build on it). Ends with "N passed, N failed".

import path from 'node:path';

export function createHarness({ outDir }) {
  const steps = [];
  return {
    step(name, run) {
      steps.push({ name, run });
    },
    async run(context) {
      const results = { passed: 0, failed: 0, skipped: 0 };
      let broken = false;
      for (const [index, { name, run }] of steps.entries()) {
        if (broken) {
          results.skipped += 1;
          console.log(`  - ${name} (skipped)`);
          continue;
        }
        const started = performance.now();
        try {
          await run(context);
          results.passed += 1;
          console.log(`  ✓ ${name} (${Math.round(performance.now() - started)} ms)`);
        } catch (error) {
          results.failed += 1;
          broken = true;
          console.log(`  ✗ ${name} (${Math.round(performance.now() - started)} ms)`);
          console.log(indent(error?.stack ?? String(error)));
          const shot = path.join(outDir, `failure-${String(index + 1).padStart(2, '0')}.png`);
          await context.page?.screenshot({ path: shot, fullPage: true }).catch(() => {});
          console.log(`    screenshot: ${shot}; url: ${context.page?.url()}`);
        }
      }
      return results;
    },
  };
}

function indent(text) {
  return text
    .split('\n')
    .slice(0, 12)
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Fails with `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}
