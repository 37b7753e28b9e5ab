import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { createBackend, type Backend } from '../backend';
import { memoryIdentityStore } from '../identity-file';
import { openProject, type Project } from '../open';

/** A scratch directory removed after the test: real files on a real disk, never mocks. */
export function tempDir(prefix = 'rankwise-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeJsonl(path: string, records: unknown[]): string {
  writeFileSync(
    path,
    records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n',
  );
  return path;
}

/** A generic-shape record with two responses. */
export function item(
  id: string,
  prompt = `prompt ${id}`,
  responses: unknown[] = [`first ${id}`, `second ${id}`],
) {
  return { id, prompt, responses };
}

export function newProject(dir: string, name = 'p.rankwise'): Project {
  return openProject(join(dir, name), { create: true });
}

export function newBackend(project: Project, labeller?: { name: string; id?: string }): Backend {
  return createBackend({ project, host: 'in-process', identity: memoryIdentityStore(), labeller });
}

/** The ApiError a call is expected to reject with (anything else, or success, fails the test). */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
