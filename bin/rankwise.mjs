#!/usr/bin/env node
// The `rankwise` command. The CLI is TypeScript bundled by `npm run build` (run by npm install).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/rankwise.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(
    'rankwise: not built yet; run `npm run build` in the Rankwise folder first\n',
  );
  process.exit(1);
}
await import(bundle);
