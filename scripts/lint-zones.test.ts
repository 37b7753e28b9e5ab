import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule is enforced by lint zones (eslint.config.js). These cases prove the
 * zones bite: each forbidden import must produce a no-restricted-imports error, and the
 * allowed imports next to them must not.
 */
// The snippets are virtual files, unknown to the TypeScript project, so lint them with the
// project's own config minus type information (the zones need none).
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [
    {
      ...tseslint.configs.disableTypeChecked,
      languageOptions: { parserOptions: { projectService: false, project: null } },
    },
  ],
});

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result!.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(fatal.map((m) => m.message).join('; '));
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import zones', () => {
  it.each([
    [
      'renderer/features/x.ts',
      "import { openProject } from '../../db/open';\nexport { openProject };",
    ],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };"],
    ['renderer/x.ts', "import Database from 'better-sqlite3';\nexport { Database };"],
    ['renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };"],
    ['shared/x.ts', "import { createHash } from 'node:crypto';\nexport { createHash };"],
    ['shared/x.ts', "import { dispatch } from '../db/dispatch';\nexport { dispatch };"],
    ['db/x.ts', "import { app } from 'electron';\nexport { app };"],
    ['cli/x.ts', "import { app } from 'electron';\nexport { app };"],
    ['cli/x.ts', "import Database from 'better-sqlite3';\nexport { Database };"],
    ['db/x.ts', "import { App } from '../renderer/App';\nexport { App };"],
    ['electron/window.ts', "import { ipcMain } from 'electron';\nexport { ipcMain };"],
    ['electron/main.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };"],
    ['electron/x.ts', "import Database from 'better-sqlite3';\nexport { Database };"],
    // Rooms inside the renderer.
    [
      'renderer/state/x.ts',
      "import { JudgmentBar } from '../features/labelling/JudgmentBar';\nexport { JudgmentBar };",
    ],
    [
      'renderer/state/labelling/x.ts',
      "import { views } from '../../app/views';\nexport { views };",
    ],
    [
      'renderer/state/x.ts',
      "import { KeyButton } from '../components/KeyButton';\nexport { KeyButton };",
    ],
    [
      'renderer/state/x.ts',
      "import { openProject } from '../../db/open';\nexport { openProject };",
    ],
    [
      'renderer/components/x.tsx',
      "import { useAppStore } from '../state/store';\nexport { useAppStore };",
    ],
    [
      'renderer/components/x.tsx',
      "import { ActionButton } from '../features/shortcuts/ActionButton';\nexport { ActionButton };",
    ],
    [
      'renderer/components/x.tsx',
      "import { readFileSync } from 'node:fs';\nexport { readFileSync };",
    ],
    ['renderer/model/x.ts', "import { useState } from 'react';\nexport { useState };"],
    [
      'renderer/model/judgment-form/x.ts',
      "import { useAppStore } from '../../state/store';\nexport { useAppStore };",
    ],
    ['renderer/model/x.ts', "import { watchJob } from '../api/watch-job';\nexport { watchJob };"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restricted(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'renderer/x.ts',
      "import { createClient } from '../shared/api/client';\nexport { createClient };",
    ],
    ['db/x.ts', "import Database from 'better-sqlite3';\nexport { Database };"],
    ['db/x.ts', "import { methods } from '../shared/api/contract';\nexport { methods };"],
    ['cli/x.ts', "import { openProject } from '../db/open';\nexport { openProject };"],
    ['electron/ipc.ts', "import { ipcMain } from 'electron';\nexport { ipcMain };"],
    ['electron/preload.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };"],
    ['electron/x.ts', "import { openProject } from '../db/open';\nexport { openProject };"],
    [
      'renderer/state/x.ts',
      "import * as F from '../model/judgment-form/judgment-form';\nexport { F };",
    ],
    ['renderer/state/x.ts', "import { watchJob } from '../api/watch-job';\nexport { watchJob };"],
    [
      'renderer/features/x/y.tsx',
      "import { useAppStore } from '../../state/store';\nexport { useAppStore };",
    ],
    [
      'renderer/app/x.tsx',
      "import { useAppStore } from '../state/store';\nexport { useAppStore };",
    ],
    [
      'renderer/components/x.tsx',
      "import { keyLabel } from '../keyboard/keys';\nexport { keyLabel };",
    ],
    [
      'renderer/model/x.ts',
      "import type { ItemView } from '../../shared/api/contract';\nexport type { ItemView };",
    ],
  ])('%s may: %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
