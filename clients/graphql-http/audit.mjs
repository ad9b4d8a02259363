// aspgraph against the GraphQL-over-HTTP specification, with the real service: starts
// `bin/aspgraph serve` on a free port (under `bin/aspgraph with-neo4j`, which sets NEO4J_URI
// to a throw-away Neo4j; make graphql-http-audit does), waits until it is ready, then
//   - runs graphql-http's audit suite (serverAudits) and fails on any error, or on a warning
//     docs/http.md does not explain (the `explained` list below);
//   - sends every introspection query of graph/testdata/introspection (written by the client
//     libraries: make introspection-queries) and builds a client schema from each answer with
//     graphql-js, as GraphiQL and graphql-codegen do, and reports the size and time of the
//     full answer.
// It stops the service however it ends, and exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClientSchema } from 'graphql';
import { serverAudits } from 'graphql-http';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Warnings docs/http.md explains, by audit ID; none today.
const explained = new Map();

if (!process.env.NEO4J_URI) {
  console.error('audit.mjs: NEO4J_URI is unset; run it as: bin/aspgraph with-neo4j -- node clients/graphql-http/audit.mjs');
  process.exit(2);
}

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const log = [];
const service = spawn(path.join(root, 'bin', 'aspgraph'), ['serve'], {
  cwd: root,
  env: { ...process.env, PORT: String(port) },
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const s of [service.stdout, service.stderr]) s.on('data', (b) => log.push(b.toString()));
let exited = false;
service.on('exit', () => (exited = true));
const stop = () => {
  if (!exited) service.kill('SIGTERM');
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

const base = `http://127.0.0.1:${port}`;
let failures = 0;
try {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) throw new Error('aspgraph serve exited before it was ready');
    const ok = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('aspgraph serve not ready after 180 s');
    await new Promise((r) => setTimeout(r, 500));
  }

  const counts = { ok: 0, warn: 0, error: 0 };
  for (const audit of serverAudits({ url: `${base}/query` })) {
    const result = await audit.fn();
    counts[result.status]++;
    if (result.status === 'ok') continue;
    const why = explained.get(result.id);
    const detail = result.reason + (result.response ? ` (HTTP ${result.response.status})` : '');
    if (result.status === 'warn' && why) {
      console.log(`warn  ${result.id} ${result.name}: ${detail}; explained: ${why}`);
    } else {
      failures++;
      console.log(`${result.status.padEnd(5)} ${result.id} ${result.name}: ${detail}`);
    }
  }
  console.log(`graphql-http ${(await import('graphql-http/package.json', { with: { type: 'json' } })).default.version} serverAudits: ${counts.ok} ok, ${counts.warn} warn, ${counts.error} error`);

  const dir = path.join(root, 'graph', 'testdata', 'introspection');
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.graphql')).sort()) {
    const query = await readFile(path.join(dir, file), 'utf8');
    const started = performance.now();
    const res = await fetch(`${base}/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query }),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    try {
      const body = JSON.parse(text);
      if (res.status !== 200 || body.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
      const schema = buildClientSchema(body.data);
      const school = schema.getType('School');
      if (!school || !school.getFields().memberships) throw new Error('no School type with memberships');
      console.log(`ok    introspection ${file}: ${text.length} bytes in ${ms.toFixed(1)} ms, ${Object.keys(schema.getTypeMap()).length} types`);
    } catch (e) {
      failures++;
      console.log(`error introspection ${file}: ${e.message}`);
    }
  }

  // The full introspection answer (graphql-js with every option, as GraphiQL asks for it),
  // its size and its median time over 20 requests once warm.
  const full = await readFile(path.join(dir, 'graphql-js-16-all-options.graphql'), 'utf8');
  const times = [];
  let size = 0;
  for (let i = 0; i < 21; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: full }),
    });
    size = (await res.arrayBuffer()).byteLength;
    if (i > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`full introspection answer: ${size} bytes, median ${times[10].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[19].toFixed(1)}) over 20 requests`);
} catch (e) {
  failures++;
  console.error(`audit.mjs: ${e.message}; the end of the service's log:\n${log.join('').split('\n').slice(-30).join('\n')}`);
} finally {
  stop();
}
process.exit(failures ? 1 : 0);
