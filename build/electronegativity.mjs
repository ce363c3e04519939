#!/usr/bin/env node
/**
 * Runs Electronegativity (@doyensec/electronegativity) over the sources and, when present,
 * the built app in out/, and fails on any finding of MEDIUM severity or more. A finding may
 * be suppressed only inline, with `eng-disable CHECK_ID` on the reported line and a comment
 * that says why.
 *
 * In out/, per-line findings in out/main are not counted: out/main is src/main bundled with
 * every dependency left external, so its lines are exactly the code already checked in src/,
 * but the bundler drops the comments that carry the reviewed suppressions. Global checks over
 * out/ and every finding in out/preload and out/renderer (React and friends bundled in) count.
 *
 *   node build/electronegativity.mjs            scan src/ and out/ (if built)
 *   node build/electronegativity.mjs --built    also fail when out/ is missing
 *   node build/electronegativity.mjs DIR...     scan these directories instead
 *
 * Two adjustments to the stock CLI, both about the network, which Earshot's test machines
 * do not have:
 * - The CLI downloads translations at start-up, and got's retry after a timeout throws an
 *   uncaught "onCancel handler was attached after the promise settled", killing the scan
 *   part-way. The bundled English strings are loaded instead.
 * - AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list; it is left out.
 *   Keeping Electron current is Dependabot's and the upgrade checklist's job.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '..');
const require = createRequire(join(projectRoot, 'package.json'));
const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const packageRequire = createRequire(join(packageDir, 'package.json'));

const failingSeverities = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const electronVersion = require('electron/package.json').version;

function useBundledTranslations() {
  const i18n = packageRequire('i18n');
  const localI18n = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: join(packageDir, 'dist', 'locales'),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  const modulePath = packageRequire.resolve('./dist/locales/i18n.js');
  require.cache[modulePath] = { id: modulePath, filename: modulePath, loaded: true, exports: localI18n };
}

async function scan(run, input) {
  const result = await run({
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  const findings = result.issues.map((issue) => ({
    id: issue.id,
    severity: String(issue.severity?.name ?? issue.severity?.format?.() ?? 'UNKNOWN').toUpperCase(),
    file: issue.file,
    line: `${issue.location?.line ?? '?'}:${issue.location?.column ?? '?'}`,
    message: issue.description ?? '',
  }));
  const unparsed = (result.errors ?? []).map((error) => ({
    file: error.file,
    message: String(error.message ?? error.error ?? ''),
  }));
  return { findings, unparsed };
}

async function main() {
  const requireBuilt = process.argv.includes('--built');
  const explicit = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
  const targets =
    explicit.length > 0 ? explicit.map((directory) => resolve(directory)) : [join(projectRoot, 'src')];
  const built = join(projectRoot, 'out');
  if (explicit.length > 0) {
    // Only what was asked for.
  } else if (existsSync(built)) targets.push(built);
  else if (requireBuilt) {
    console.error('electronegativity: out/ is missing; run `npm run build` first.');
    process.exit(1);
  } else console.log('electronegativity: out/ not built yet; scanning src/ only.');

  useBundledTranslations();
  const run = packageRequire('./dist/runner.js');

  let failures = 0;
  for (const target of targets) {
    const { findings, unparsed } = await scan(run, target);
    const label = target.startsWith(projectRoot) ? target.slice(projectRoot.length + 1) : target;
    for (const problem of unparsed) {
      // A file Electronegativity cannot parse is a file it did not check.
      failures += 1;
      console.log(`FAIL unparsed ${problem.file}: ${problem.message}`);
    }
    let checkedInSourceCount = 0;
    for (const finding of findings) {
      const checkedInSource =
        target === built && finding.file.startsWith('main/') && !finding.id.endsWith('_GLOBAL_CHECK');
      if (checkedInSource) {
        checkedInSourceCount += 1;
        continue;
      }
      const failing = failingSeverities.has(finding.severity);
      if (failing) failures += 1;
      console.log(
        `${failing ? 'FAIL' : 'note'} ${finding.severity.padEnd(6)} ${finding.id} ${label}/${finding.file}:${finding.line} ${finding.message}`,
      );
    }
    const skipped =
      checkedInSourceCount > 0 ? ` (${checkedInSourceCount} per-line in out/main, checked in src/)` : '';
    console.log(`electronegativity: ${label}: ${findings.length} finding(s)${skipped}`);
  }
  if (failures > 0) {
    console.error(
      `electronegativity: ${failures} finding(s) of MEDIUM severity or more. Fix them, or suppress one inline with eng-disable and a comment that says why.`,
    );
    process.exit(1);
  }
  console.log('electronegativity: no findings of MEDIUM severity or more.');
}

await main();
