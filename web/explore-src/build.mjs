// Builds the explorer's bundle into ../explore/ (committed, embedded in the binary by
// web.go): explore.js (src/main.js with cytoscape, cytoscape-fcose and Chart.js, minified),
// explore.css, index.html, THIRD-PARTY-LICENSES (the licence of each bundled package) and
// VERSIONS (the packages and versions bundled, and the sha256 of every source and output, so
// that a test can tell when the bundle no longer matches its sources).
//
// Run by `make explore-assets` after `npm ci`; the same sources and package-lock.json give the
// same bytes.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, writeFile, rm, mkdir, readdir, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'explore');

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const js = await esbuild.build({
  entryPoints: [path.join(here, 'src', 'main.js')],
  outfile: path.join(out, 'explore.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  platform: 'browser',
  charset: 'utf8',
  legalComments: 'none', // the licences go to THIRD-PARTY-LICENSES
  loader: { '.graphql': 'text' },
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
});

await esbuild.build({
  entryPoints: [path.join(here, 'src', 'explore.css')],
  outfile: path.join(out, 'explore.css'),
  bundle: true,
  minify: true,
  charset: 'utf8',
  logLevel: 'warning',
});

await copyFile(path.join(here, 'src', 'index.html'), path.join(out, 'index.html'));

// The npm packages that went into the bundle, from the paths of its inputs.
const lock = JSON.parse(await readFile(path.join(here, 'package-lock.json'), 'utf8'));
const bundled = new Set();
for (const input of Object.keys(js.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) bundled.add(m[1]);
}
const packages = [...bundled].sort().map((name) => {
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is bundled but not in package-lock.json`);
  return { name, version: entry.version, integrity: entry.integrity, license: entry.license };
});

let licences = 'The explorer\'s bundle (explore.js) holds these npm packages, under their own licences.\n';
for (const p of packages) {
  const dir = path.join(here, 'node_modules', p.name);
  const file = (await readdir(dir)).find((f) => /^licen[cs]e/i.test(f));
  if (!file) throw new Error(`${p.name}: no licence file`);
  const text = (await readFile(path.join(dir, file), 'utf8')).trim();
  licences += `\n${'='.repeat(78)}\n${p.name} ${p.version} (${p.license})\n${'='.repeat(78)}\n\n${text}\n`;
}
await writeFile(path.join(out, 'THIRD-PARTY-LICENSES'), licences);

// The sources: everything under src/, the build script and the npm pins.
const sources = ['build.mjs', 'package.json', 'package-lock.json', ...(await readdir(path.join(here, 'src'))).sort().map((f) => `src/${f}`)];
const outputs = ['explore.css', 'explore.js', 'index.html', 'THIRD-PARTY-LICENSES'];

const esbuildEntry = lock.packages['node_modules/esbuild'];
let versions = `# The explorer's bundle, built from web/explore-src/ by \`make explore-assets\`
# (npm ci, then node build.mjs) with esbuild ${esbuildEntry.version}; the same sources and
# package-lock.json give the same bytes. Edit the sources, never these files.

# bundled packages: name, version, tarball integrity as package-lock.json pins it
`;
for (const p of packages) versions += `package  ${p.name} ${p.version} ${p.integrity}\n`;
versions += `package  esbuild ${esbuildEntry.version} ${esbuildEntry.integrity} (the bundler, not bundled)\n`;
versions += '\n# sha256 of each source (paths in web/explore-src/)\n';
for (const f of sources) versions += `source  ${sha256(await readFile(path.join(here, f)))}  ${f}\n`;
versions += '\n# sha256 of each built file (paths in web/explore/)\n';
for (const f of outputs) versions += `output  ${sha256(await readFile(path.join(out, f)))}  ${f}\n`;
await writeFile(path.join(out, 'VERSIONS'), versions);

for (const f of outputs) {
  const { size } = await import('node:fs').then((fs) => fs.statSync(path.join(out, f)));
  console.log(`web/explore/${f}: ${size} bytes`);
}
