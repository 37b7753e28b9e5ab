// `npm run dev`: hot reload. Vite serves the renderer with HMR; the backend (`rankwise serve`
// on the demo project) is rebuilt and restarted whenever db/, cli/ or shared/ change. Vite
// proxies /api to it and adds the token, so the dev page needs none.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { createInterface } from 'node:readline';
import { context } from 'esbuild';
import { createServer } from 'vite';

const demo = process.argv[2] ?? 'var/demo.rankwise';
const freePort = () =>
  new Promise((ok) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

const port = await freePort();
let token = '';
let backend = null;

function startBackend() {
  backend?.kill('SIGTERM');
  const child = spawn(
    process.execPath,
    ['dist/cli/rankwise.mjs', 'serve', demo, '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  createInterface({ input: child.stdout }).once('line', (url) => {
    token = new URL(url).searchParams.get('token') ?? '';
    console.log(`backend ready on :${port}`);
  });
  backend = child;
}

if (!existsSync(demo)) {
  if (!existsSync('dist/cli/rankwise.mjs'))
    spawnSync(process.execPath, ['scripts/build.mjs', 'node'], { stdio: 'inherit' });
  mkdirSync('var', { recursive: true });
  spawnSync(
    process.execPath,
    ['bin/rankwise.mjs', 'import', 'demo/demo-dataset.jsonl', '--into', demo],
    { stdio: 'inherit' },
  );
}

const ctx = await context({
  entryPoints: { rankwise: 'cli/bin.ts' },
  outdir: 'dist/cli',
  bundle: true,
  platform: 'node',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  external: ['better-sqlite3', 'electron'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [
    { name: 'restart', setup: (b) => b.onEnd((r) => r.errors.length === 0 && startBackend()) },
  ],
});
await ctx.watch();

const vite = await createServer({
  configFile: 'vite.config.ts',
  server: {
    proxy: {
      '/api': {
        target: `http://127.0.0.1:${port}`,
        changeOrigin: true,
        configure: (proxy) =>
          proxy.on('proxyReq', (req) => {
            req.setHeader('authorization', `Bearer ${token}`);
            req.removeHeader('origin');
          }),
      },
      '/download': {
        target: `http://127.0.0.1:${port}`,
        changeOrigin: true,
        configure: (p) =>
          p.on('proxyReq', (req) => req.setHeader('authorization', `Bearer ${token}`)),
      },
    },
  },
});
await vite.listen();
vite.printUrls();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    backend?.kill('SIGTERM');
    await ctx.dispose();
    await vite.close();
    process.exit(0);
  });
}
