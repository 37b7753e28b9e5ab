import { config } from 'zod';

// Zod probes for eval (new Function) to compile faster parsers. The page's CSP forbids eval,
// so the probe would only leave a violation report on every start: say no before any schema
// is built or used. Imported first by main.tsx, so it runs before modules that parse at load.
config({ jitless: true });
