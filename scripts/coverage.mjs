#!/usr/bin/env node
// npm run coverage: which lines of src/ the tests execute on this machine. Vitest's V8
// coverage (every Node suite) and Chromium's JS coverage of the built window (the browser
// suites, mapped back to src/ through the bundle's source maps by monocart-coverage-reports)
// are merged line by line, and the table prints line coverage per folder. Not part of the
// test command: it builds with source maps and runs the suites again, which takes minutes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import CoverageReport from 'monocart-coverage-reports';

const root = resolve(import.meta.dirname, '..');
const work = join(root, '.cache', 'coverage');
const vitestDir = join(work, 'vitest');
const chromiumRawDir = join(work, 'chromium-raw');
const chromiumDir = join(work, 'chromium');
// The built main, run under fake Electron in child processes by the tests that use
// test/support/built-main.ts (the main entry, dictation glue, overlay and tray tests).
const mainRawDir = join(work, 'main-raw');
const mainDir = join(work, 'main');

function run(command, args, env = {}) {
  process.stderr.write(`coverage: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  // A failing test still leaves coverage worth reading; say so and go on.
  if (result.status !== 0) process.stderr.write(`coverage: ${command} exited with ${result.status}\n`);
  return result.status === 0;
}

/** Istanbul's rule: a line counts where a statement starts; it is executed when that statement ran. */
function linesOf(fileCoverage) {
  const coverable = new Set();
  const executed = new Set();
  for (const [id, location] of Object.entries(fileCoverage.statementMap)) {
    const line = location.start.line;
    coverable.add(line);
    if ((fileCoverage.s[id] ?? 0) > 0) executed.add(line);
  }
  return { coverable, executed };
}

/**
 * Tools disagree on which lines hold a statement, so a file's coverable lines come from the
 * first source that ran any of it (else the first that lists it), and a line counts as
 * executed when any source ran it there. The sources come in the order given: the one that
 * runs a file for real first (Chromium for the window, the Node suites for the rest). Vitest
 * lists every file of src/, also the Electron glue that only the built main runs, so a source
 * that ran none of a file does not decide its lines.
 */
function mergeLineCoverage(maps) {
  const files = new Map();
  for (const map of maps) {
    for (const [path, fileCoverage] of Object.entries(map)) {
      const file = relative(root, fileCoverage.path ?? path)
        .split('\\')
        .join('/');
      if (!file.startsWith('src/')) continue;
      const { coverable, executed } = linesOf(fileCoverage);
      const listed = files.get(file);
      const merged =
        listed && (listed.executed.size > 0 || executed.size === 0)
          ? listed
          : { coverable, executed: new Set() };
      for (const line of executed) if (merged.coverable.has(line)) merged.executed.add(line);
      files.set(file, merged);
    }
  }
  return files;
}

function folderOf(file) {
  const parts = file.split('/');
  // src/main/core/session/x.ts → src/main/core/session; src/main/index.ts → src/main
  return parts.slice(0, Math.min(parts.length - 1, 4)).join('/');
}

function percent(executed, coverable) {
  return coverable === 0 ? '—' : `${((100 * executed) / coverable).toFixed(1)}%`;
}

function allSourceFiles(directory) {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

function gather() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(chromiumRawDir, { recursive: true });
  mkdirSync(mainRawDir, { recursive: true });
  // The window, built with inline source maps so Chromium's coverage maps back to src/.
  run('npx', ['electron-vite', 'build'], { EARSHOT_COVERAGE: '1' });
  run(
    'npx',
    [
      'vitest',
      'run',
      '--coverage.enabled',
      '--coverage.provider=v8',
      '--coverage.reporter=json',
      `--coverage.reportsDirectory=${vitestDir}`,
      '--coverage.include=src/**/*.{ts,tsx}',
      // Vitest writes no coverage at all when a test fails unless told to, and one flaky test
      // on a loaded machine would otherwise drop every Node suite from the figure.
      '--coverage.reportOnFailure',
    ],
    { EARSHOT_COVERAGE_NODE_DIR: mainRawDir },
  );
  run('npx', ['playwright', 'test', '--project=browser', '--project=live'], {
    EARSHOT_COVERAGE_DIR: chromiumRawDir,
  });
}

/** V8 coverage of bundles, mapped back to src/ through their source maps. */
async function mappedCoverage(name, outputDir, add) {
  const report = new CoverageReport({
    name,
    outputDir,
    reports: [['json', { file: 'coverage-final.json' }]],
    entryFilter: (entry) => !entry.url.includes('node_modules') && !entry.url.startsWith('node:'),
    sourceFilter: (path) => path.includes('src/') && !path.includes('node_modules'),
    sourcePath: (path) => {
      const at = path.lastIndexOf('src/');
      return at >= 0 ? path.slice(at) : path;
    },
    logging: 'error',
  });
  await add(report);
  await report.generate();
}

/** Maps the raw coverage of the bundles to src/ (the built main's bundle is removed afterwards). */
async function mapBundles() {
  await mappedCoverage('Earshot main (fake Electron)', mainDir, (report) => report.addFromDir(mainRawDir));
  // test/support/built-main.ts leaves its bundles (.cache/built-main-*) for this mapping.
  for (const stale of readdirSync(join(root, '.cache')).filter((name) => name.startsWith('built-main-'))) {
    rmSync(join(root, '.cache', stale), { recursive: true, force: true });
  }

  await mappedCoverage('Earshot window (Chromium)', chromiumDir, async (report) => {
    for (const name of readdirSync(chromiumRawDir)) {
      await report.add(JSON.parse(readFileSync(join(chromiumRawDir, name), 'utf8')));
    }
  });
}

// --report-only merges and prints what the last full run gathered and mapped.
if (!process.argv.includes('--report-only')) {
  gather();
  await mapBundles();
}

function coverageIn(directory) {
  const path = join(directory, 'coverage-final.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
}
const [vitest, chromium, main] = [vitestDir, chromiumDir, mainDir].map(coverageIn);
const onlyRenderer = (map, keep) =>
  Object.fromEntries(Object.entries(map).filter(([path]) => path.includes('src/renderer/') === keep));
const files = mergeLineCoverage([
  onlyRenderer(chromium, true),
  onlyRenderer(vitest, true),
  onlyRenderer(vitest, false),
  onlyRenderer(main, false),
  onlyRenderer(chromium, false),
]);
// Files no test loaded at all count too, with every line unexecuted.
for (const file of allSourceFiles(join(root, 'src'))) {
  if (!files.has(file)) files.set(file, { coverable: null, executed: new Set(), neverLoaded: true });
}

const folders = new Map();
let totalCoverable = 0;
let totalExecuted = 0;
const notExecuted = [];
for (const [file, lines] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const coverable = lines.coverable
    ? lines.coverable.size
    : readFileSync(join(root, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '').length;
  const executed = lines.executed.size;
  const folder = folders.get(folderOf(file)) ?? { coverable: 0, executed: 0 };
  folder.coverable += coverable;
  folder.executed += executed;
  folders.set(folderOf(file), folder);
  totalCoverable += coverable;
  totalExecuted += executed;
  if (executed < coverable)
    notExecuted.push({ file, missed: coverable - executed, coverable, neverLoaded: !!lines.neverLoaded });
}

const rows = [...folders].sort(([a], [b]) => a.localeCompare(b));
const width = Math.max(...rows.map(([name]) => name.length), 'folder'.length);
console.log(`\n${'folder'.padEnd(width)}  lines executed`);
for (const [name, folder] of rows) {
  console.log(
    `${name.padEnd(width)}  ${percent(folder.executed, folder.coverable).padStart(6)}  (${folder.executed}/${folder.coverable})`,
  );
}
console.log(
  `${'all of src'.padEnd(width)}  ${percent(totalExecuted, totalCoverable).padStart(6)}  (${totalExecuted}/${totalCoverable})`,
);
const listing = join(work, 'not-executed.txt');
mkdirSync(dirname(listing), { recursive: true });
writeFileSync(
  listing,
  notExecuted
    .sort((a, b) => b.missed - a.missed)
    .map(
      ({ file, missed, coverable, neverLoaded }) =>
        `${file}: ${missed} of ${coverable} lines not executed${neverLoaded ? ' (never loaded)' : ''}`,
    )
    .join('\n') + '\n',
);
console.log(`\nFiles with lines not executed, most first: ${relative(root, listing)}`);
