import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronegativity, SEVERITIES, type Finding } from './test-support/electronegativity';

const REPO = resolve(import.meta.dirname, '..');

/**
 * Findings we accept, each with the reason it is not a risk here. A finding not on this
 * list fails the test; an entry that no longer matches a finding fails it too, so the list
 * cannot outlive what it excuses.
 */
const ACCEPTED: Array<{ id: string; file: string; why: string }> = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    why:
      'The CSP is shared/security/csp.ts, set as a header on every app:// response in ' +
      'protocol.ts; Electronegativity only recognises a CSP written as a string literal in ' +
      'the scanned folder. shell-bundle.test.ts asserts the header on the real bundle.',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'window.ts',
    why:
      'A "review the preload" reminder. The preload is sandboxed and context-isolated and ' +
      'exposes exactly call() and on(), refusing method names outside the contract ' +
      '(preload.ts); main checks every sender (ipc.ts, shell-bundle.test.ts).',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'hardening.ts',
    why:
      'shell.openExternal is reached only through policy/external-links.ts (https only, no ' +
      'credentials, user-initiated) and after the user confirms the exact address in a dialog.',
  },
];

const aboveInformational = (f: Finding) => SEVERITIES.indexOf(f.severity as never) > 0;
const accepted = (f: Finding) => ACCEPTED.some((a) => a.id === f.id && a.file === f.file);

describe('Electronegativity', () => {
  it('finds nothing above informational in electron/, beyond the accepted findings', async () => {
    const findings = (await electronegativity(join(REPO, 'electron'))).filter(aboveInformational);
    expect(findings.filter((f) => !accepted(f))).toEqual([]);
    for (const a of ACCEPTED) {
      expect(
        findings.some((f) => f.id === a.id && f.file === a.file),
        `stale acceptance: ${a.id}`,
      ).toBe(true);
    }
  }, 60_000);

  it('reports an insecure shell (so the check above can fail)', async () => {
    const findings = await electronegativity(join(REPO, 'scripts', 'fixtures', 'insecure-shell'));
    const ids = findings.filter(aboveInformational).map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'WEB_SECURITY_JS_CHECK',
        'INSECURE_CONTENT_JS_CHECK',
        'EXPERIMENTAL_FEATURES_JS_CHECK',
      ]),
    );
    expect(findings.filter((f) => !accepted(f) && aboveInformational(f)).length).toBeGreaterThan(0);
  }, 60_000);
});
