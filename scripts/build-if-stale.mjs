#!/usr/bin/env node
// `npm start`, `npm run bench` and `npm run package:teams` run this instead of a full `tsc` each
// time: it compiles only when a source or build setting is newer than the last successful build
// (dist/.build-stamp), so a restart costs a directory walk, not a compile. Plain JavaScript on
// purpose: it must run before anything is built.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// `--root <dir>`: another project laid out the same way (the tests use a tiny one).
const rootAt = process.argv.indexOf('--root');
const ROOT = rootAt === -1 ? join(import.meta.dirname, '..') : resolve(process.argv[rootAt + 1] ?? '.');
const STAMP = join(ROOT, 'dist', '.build-stamp');
// What tsconfig.build.json compiles, and the settings that change its output.
const SOURCES = ['src', 'adapters', 'migrations', 'bench', 'scripts', 'test/fakes'];
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newestMtime(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs; // a deleted or renamed file changes its folder's mtime
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function stampMtime() {
  try {
    return statSync(STAMP).mtimeMs;
  } catch {
    return -1;
  }
}

const newestSource = Math.max(...[...SOURCES, ...SETTINGS].map((path) => newestMtime(join(ROOT, path))));
if (process.argv.includes('--force') || newestSource >= stampMtime()) {
  // The stamp gets the time the build started: a file saved during the build is newer than it.
  const started = new Date();
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  for (const source of SOURCES) removeOrphans(join(ROOT, 'dist', source));
  writeFileSync(STAMP, `${started.toISOString()}\n`);
  utimesSync(STAMP, started, started);
}

/**
 * Removes compiled files whose source is gone: tsc never deletes, and a stale module left in dist
 * (a removed migration above all, which the migrator would still run) must not outlive its source.
 */
function removeOrphans(path) {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const file = join(path, entry.name);
    if (entry.isDirectory()) {
      removeOrphans(file);
      continue;
    }
    const compiled = /\.js(\.map)?$|\.d\.ts(\.map)?$/.exec(entry.name);
    if (compiled === null) continue;
    const base = relative(join(ROOT, 'dist'), file).slice(0, -compiled[0].length);
    if (!existsSync(join(ROOT, `${base}.ts`))) rmSync(file);
  }
}
