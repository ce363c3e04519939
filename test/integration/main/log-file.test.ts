/**
 * The log file is capped by bytes written, rotates while the app runs, and each start begins
 * a new file with the previous run kept: the directory never holds more than the cap.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogFile } from '../../../src/main/log-file';

let userDataDir: string;
const logsDir = () => join(userDataDir, 'logs');
const files = () => readdirSync(logsDir()).sort();
const bytesInDirectory = () =>
  files().reduce((total, name) => total + statSync(join(logsDir(), name)).size, 0);
const read = (name: string) => readFileSync(join(logsDir(), name), 'utf8');

beforeEach(() => {
  userDataDir = mkdtempSync(join(tmpdir(), 'earshot-log-'));
});
afterEach(() => {
  rmSync(userDataDir, { recursive: true, force: true });
});

describe('log file', () => {
  it('writes lines to userData/logs/earshot.log, readable by the user only', () => {
    const log = openLogFile(userDataDir);
    log.write('{"message":"one"}');
    log.write('{"message":"two"}');
    log.close();
    expect(log.path).toBe(join(logsDir(), 'earshot.log'));
    expect(read('earshot.log')).toBe('{"message":"one"}\n{"message":"two"}\n');
    if (process.platform !== 'win32') {
      expect(statSync(log.path).mode & 0o777).toBe(0o600);
      expect(statSync(logsDir()).mode & 0o777).toBe(0o700);
    }
  });

  it('rotates while running when the next line would pass the cap, keeping maxFiles files', () => {
    const log = openLogFile(userDataDir, { maxBytes: 100, maxFiles: 3 });
    const line = (index: number) => `line ${String(index).padStart(3, '0')} ${'x'.repeat(30)}`; // 39 bytes + \n
    for (let index = 0; index < 20; index += 1) log.write(line(index));
    log.close();
    expect(files()).toEqual(['earshot.1.log', 'earshot.2.log', 'earshot.log']);
    // Two lines per file (80 bytes; a third would make 120): the newest two in earshot.log.
    expect(read('earshot.log')).toBe(`${line(18)}\n${line(19)}\n`);
    expect(read('earshot.1.log')).toBe(`${line(16)}\n${line(17)}\n`);
    expect(read('earshot.2.log')).toBe(`${line(14)}\n${line(15)}\n`);
    for (const name of files()) expect(statSync(join(logsDir(), name)).size).toBeLessThanOrEqual(100);
  });

  it('counts bytes, not characters', () => {
    const log = openLogFile(userDataDir, { maxBytes: 50, maxFiles: 2 });
    log.write('é'.repeat(20)); // 40 bytes + \n
    log.write('é'.repeat(20));
    log.close();
    expect(files()).toEqual(['earshot.1.log', 'earshot.log']);
    expect(bytesInDirectory()).toBeLessThanOrEqual(100);
  });

  it('keeps the previous run as earshot.1.log and folds in the old earshot.old.log', () => {
    mkdirSync(logsDir(), { recursive: true });
    writeFileSync(join(logsDir(), 'earshot.old.log'), 'run before last\n'.repeat(100_000));
    const first = openLogFile(userDataDir, { maxBytes: 1_000, maxFiles: 3 });
    first.write('first run');
    first.close();
    const second = openLogFile(userDataDir, { maxBytes: 1_000, maxFiles: 3 });
    second.write('second run');
    second.close();
    const third = openLogFile(userDataDir, { maxBytes: 1_000, maxFiles: 3 });
    third.write('third run');
    third.close();
    const fourth = openLogFile(userDataDir, { maxBytes: 1_000, maxFiles: 3 });
    fourth.close();
    expect(files()).toEqual(['earshot.1.log', 'earshot.2.log', 'earshot.log']);
    expect(read('earshot.log')).toBe('');
    expect(read('earshot.1.log')).toBe('third run\n');
    expect(read('earshot.2.log')).toBe('second run\n');
  });

  it('does not keep a file from before the cap that is larger than the cap', () => {
    mkdirSync(logsDir(), { recursive: true });
    writeFileSync(join(logsDir(), 'earshot.log'), 'x'.repeat(10_000));
    const log = openLogFile(userDataDir, { maxBytes: 1_000, maxFiles: 3 });
    log.write('new run');
    log.close();
    expect(bytesInDirectory()).toBeLessThanOrEqual(3_000);
    expect(read('earshot.log')).toBe('new run\n');
  });

  it('leaves out a single line larger than a whole file, and writes nothing after close', () => {
    const log = openLogFile(userDataDir, { maxBytes: 100, maxFiles: 2 });
    log.write('y'.repeat(500));
    log.write('fits');
    log.close();
    log.write('after close');
    expect(files()).toEqual(['earshot.log']);
    expect(read('earshot.log')).toBe('fits\n');
  });

  it('stays under maxBytes × maxFiles whatever is written', () => {
    const log = openLogFile(userDataDir, { maxBytes: 4_096, maxFiles: 3 });
    for (let index = 0; index < 20_000; index += 1)
      log.write(`{"n":${index},"pad":"${'p'.repeat(index % 300)}"}`);
    log.close();
    expect(bytesInDirectory()).toBeLessThanOrEqual(3 * 4_096);
    expect(read('earshot.log')).toContain('"n":19999');
  });
});
