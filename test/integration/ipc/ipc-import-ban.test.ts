/**
 * The lint rule that keeps raw ipcMain / ipcRenderer inside the two wrapper modules, run
 * through ESLint with the project's own config on small pieces of code.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const projectRoot = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: projectRoot });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(projectRoot, filePath) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('raw Electron IPC imports', () => {
  it('are refused anywhere but the two wrapper modules', async () => {
    for (const [file, code] of [
      ['src/main/window.ts', "import { ipcMain } from 'electron';\nipcMain.on('x', () => {});\n"],
      ['src/main/ipc/ipc-dispatcher.ts', "import { ipcMain } from 'electron';\nipcMain.on('x', () => {});\n"],
      ['src/preload/index.ts', "import { ipcRenderer } from 'electron';\nipcRenderer.send('x');\n"],
      ['src/main/core/anything.ts', "import { app } from 'electron';\napp.quit();\n"],
      ['src/renderer/App.tsx', "import { ipcRenderer } from 'electron';\nipcRenderer.send('x');\n"],
    ] as const) {
      expect(await restrictedImportErrors(code, file), file).not.toEqual([]);
    }
  }, 60_000);

  it('are allowed in the wrappers', async () => {
    expect(
      await restrictedImportErrors(
        "import { ipcMain } from 'electron';\nipcMain.on('x', () => {});\n",
        'src/main/ipc/electron-ipc-main.ts',
      ),
    ).toEqual([]);
    expect(
      await restrictedImportErrors(
        "import { ipcRenderer } from 'electron';\nipcRenderer.send('x');\n",
        'src/preload/electron-ipc-renderer.ts',
      ),
    ).toEqual([]);
  }, 60_000);
});
