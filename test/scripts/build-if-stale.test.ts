import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = resolve('scripts/build-if-stale.mjs');

describe('build-if-stale (what `npm start` runs before the CLI)', () => {
  let root: string;
  const output = () => join(root, 'dist', 'src', 'main.js');
  const build = () => run(process.execPath, [SCRIPT, '--root', root]);

  beforeAll(() => {
    // A tiny project laid out like this one, compiled by the real TypeScript.
    root = mkdtempSync(join(tmpdir(), 'psa-build-'));
    mkdirSync(join(root, 'src'));
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
    writeFileSync(
      join(root, 'tsconfig.build.json'),
      JSON.stringify({
        compilerOptions: {
          outDir: 'dist',
          rootDir: '.',
          target: 'ES2022',
          module: 'NodeNext',
          types: [],
          skipLibCheck: true,
        },
        include: ['src'],
      }),
    );
    writeFileSync(join(root, 'src', 'main.ts'), 'export const answer: number = 42;\n');
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('compiles on the first run, skips when nothing changed, compiles again after an edit', async () => {
    await build();
    expect(existsSync(output())).toBe(true);
    expect(existsSync(join(root, 'dist', '.build-stamp'))).toBe(true);

    // Removing the output shows whether the next run compiled: it must not.
    rmSync(output());
    await build();
    expect(existsSync(output())).toBe(false);

    // An edit (here one that does not compile, which also shows the failure reaches npm) rebuilds.
    const source = join(root, 'src', 'main.ts');
    writeFileSync(source, 'export const answer: number = "text";\n');
    const later = new Date(statSync(join(root, 'dist', '.build-stamp')).mtimeMs + 5_000);
    utimesSync(source, later, later);
    await expect(build()).rejects.toMatchObject({ code: 2 });
    expect(existsSync(output())).toBe(true);
  }, 180_000);

  it('removes the compiled files of a source that is gone, and only those', async () => {
    const extra = join(root, 'src', 'extra.ts');
    writeFileSync(join(root, 'src', 'main.ts'), 'export const answer: number = 42;\n');
    writeFileSync(extra, 'export const extra = 1;\n');
    await run(process.execPath, [SCRIPT, '--root', root, '--force']);
    expect(existsSync(join(root, 'dist', 'src', 'extra.js'))).toBe(true);

    rmSync(extra);
    await run(process.execPath, [SCRIPT, '--root', root, '--force']);
    expect(existsSync(join(root, 'dist', 'src', 'extra.js'))).toBe(false);
    expect(existsSync(output())).toBe(true);
  }, 180_000);
});
