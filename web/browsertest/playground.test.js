// The playground at / in a real browser: Debian's chromium, driven by playwright-core, against
// a running aspgraph at ASPGRAPH_URL (make browser-test starts one). It runs the examples,
// sees their results, and checks that the page logs no error and asks no other host for
// anything. Run with `node --test` in this folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, executablePath } from './chromium.js';

const base = process.env.ASPGRAPH_URL;
const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, 'artifacts');

let profile; // a fresh --user-data-dir, removed afterwards
let context;
const requests = []; // every URL the browser asked for
const consoleErrors = [];
const pageErrors = [];
const failedRequests = [];

before(async () => {
  assert.ok(base, 'ASPGRAPH_URL must name the running service, e.g. http://127.0.0.1:8080');
  await mkdir(artifacts, { recursive: true });
  profile = await mkdtemp(path.join(tmpdir(), 'aspgraph-chromium-'));
  // launchPersistentContext passes the profile as --user-data-dir.
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
  });
  context.on('request', (req) => requests.push(req.url()));
  context.on('requestfailed', (req) => failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`));
});

after(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

// editorValue reads the text of a GraphiQL editor (CodeMirror 5 keeps its instance on the
// wrapper element): what a user sees in that pane, whether or not it is scrolled into view.
async function editorValue(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(`${sel} .CodeMirror`);
    return el && el.CodeMirror ? el.CodeMirror.getValue() : null;
  }, selector);
}

// waitForResult waits until the result pane holds a JSON response and returns it parsed.
async function waitForResult(page, contains) {
  await page.waitForFunction(
    (text) => {
      const el = document.querySelector('.result-window .CodeMirror');
      return !!el && !!el.CodeMirror && el.CodeMirror.getValue().includes(text);
    },
    contains,
    { timeout: 30_000 },
  );
  return JSON.parse(await editorValue(page, '.result-window'));
}

test('the playground runs the examples, offline and without errors', { timeout: 120_000 }, async (t) => {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  const res = await page.goto(`${base}/`, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-security-policy'] ?? '', /default-src 'self'/);
  assert.equal(await page.title(), 'aspgraph — ASPnet knowledge graph');
  // The explorer is a link away.
  const explorer = page.getByRole('link', { name: 'explorer' });
  await explorer.waitFor({ timeout: 30_000 });
  assert.equal(await explorer.getAttribute('href'), '/explore');

  // One tab per example, titled by its operation name, the first one open.
  const tabs = page.locator('.graphiql-tab');
  await tabs.first().waitFor({ timeout: 30_000 });
  const titles = await tabs.allInnerTexts();
  for (const name of ['ExploreASchool', 'DashboardByKeyArea', 'TraceGrowth', 'ADisputedFact']) {
    assert.ok(titles.some((t) => t.includes(name)), `no tab ${name} among ${JSON.stringify(titles)}`);
  }
  assert.match(await editorValue(page, '.graphiql-query-editor'), /query ExploreASchool/);

  // The first example, run with the run button.
  await page.locator('.graphiql-execute-button').click();
  const school = await waitForResult(page, 'BEST school');
  assert.equal(school.errors, undefined, JSON.stringify(school.errors));
  const node = school.data.schools.edges[0].node;
  assert.equal(node.name, 'BEST school');
  assert.equal(node.city.name, 'Almaty');
  assert.ok(node.memberships.length > 0 && node.memberships[0].citations.length > 0, 'membership without citations');
  await page.getByText('BEST school').first().waitFor(); // drawn, not only held by the editor
  await page.screenshot({ path: path.join(artifacts, 'playground.png') });

  // The dashboard example, with its variables, run from the keyboard.
  await tabs.filter({ hasText: 'DashboardByKeyArea' }).click();
  assert.match(await editorValue(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)'), /"keyArea"/);
  await page.locator('.graphiql-query-editor .CodeMirror').click();
  await page.keyboard.press('Control+Enter');
  const dashboard = await waitForResult(page, 'Sub-regional ASPnet seminar');
  assert.equal(dashboard.errors, undefined, JSON.stringify(dashboard.errors));
  assert.ok(dashboard.data.keyAreas.length > 0);
  assert.equal(dashboard.data.events.totalCount, 1);

  // The header editor is there, with the bearer token's place shown for mutations.
  await tabs.filter({ hasText: 'AddASchool' }).click();
  await page.getByRole('button', { name: 'Headers' }).click();
  const headers = await editorValue(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)');
  assert.deepEqual(JSON.parse(headers), { Authorization: 'Bearer <token>' });

  await page.close();

  assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
  assert.deepEqual(consoleErrors, [], 'errors in the console');
  assert.deepEqual(failedRequests, [], 'failed requests');
  const origin = new URL(base).origin;
  // data: URLs (GraphiQL's fonts and icons) are not requests to any host.
  const elsewhere = requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
  assert.deepEqual(elsewhere, [], 'requests to another origin');
  assert.ok(requests.includes(`${origin}/query`), 'the playground never called /query');
  const paths = [...new Set(requests.filter((u) => !u.startsWith('data:')).map((u) => new URL(u).pathname))];
  t.diagnostic(`${requests.length} requests, all to ${origin}: ${paths.join(' ')}`);
});

test('every example query answers with data and no errors', async () => {
  const examples = await (await fetch(`${base}/playground/examples.json`)).json();
  assert.ok(examples.length >= 4);
  for (const ex of examples) {
    const query = ex.query.join('\n');
    if (/^\s*mutation\b/m.test(query)) continue; // writes need a token and change the graph
    const res = await fetch(`${base}/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, variables: ex.variables ?? {} }),
    });
    assert.equal(res.status, 200, ex.title);
    const body = await res.json();
    assert.equal(body.errors, undefined, `${ex.title}: ${JSON.stringify(body.errors)}`);
    assert.ok(body.data && Object.values(body.data).every((v) => v !== null), `${ex.title}: no data`);
  }
});

test('the Docs pane shows the schema and the editor suggests fields', { timeout: 120_000 }, async () => {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  // The playground's introspection request, as GraphiQL sends it, and its answer.
  const introspection = page.waitForResponse(
    (res) => res.url().endsWith('/query') && (res.request().postData() ?? '').includes('__schema'),
    { timeout: 30_000 },
  );
  await page.goto(`${base}/`, { waitUntil: 'load' });
  const answer = await introspection;
  assert.equal(answer.status(), 200);
  const schema = await answer.json();
  assert.equal(schema.errors, undefined, JSON.stringify(schema.errors));
  assert.ok(schema.data.__schema.types.some((t) => t.name === 'School'), 'no School type in the introspection answer');

  await page.getByRole('button', { name: /Documentation Explorer/ }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.waitFor({ timeout: 30_000 });
  // Wait for the schema to be there (or the error GraphiQL shows when it cannot fetch it).
  await page.waitForFunction(
    () => /Root Types|Error fetching schema/.test(document.querySelector('.graphiql-doc-explorer')?.textContent ?? ''),
    null,
    { timeout: 30_000 },
  );
  assert.doesNotMatch(await docs.innerText(), /Error fetching schema/);
  await page.locator('.graphiql-doc-explorer-search-input input').fill('School');
  await page.locator('.graphiql-doc-explorer-search-type', { hasText: /^School$/ }).first().click();
  await page.locator('.graphiql-doc-explorer-title', { hasText: /^School$/ }).waitFor({ timeout: 10_000 });
  const fields = await page.locator('.graphiql-doc-explorer-field-name').allInnerTexts();
  for (const f of ['name', 'city', 'memberships']) {
    assert.ok(fields.includes(f), `the Docs pane's School lacks ${f}: ${JSON.stringify(fields)}`);
  }
  await page.screenshot({ path: path.join(artifacts, 'playground-docs.png') });

  // Typing a field's first letters in the editor brings up the schema's suggestion.
  await page.evaluate(() => {
    const cm = document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror;
    cm.setValue('{\n  schools {\n    edges {\n      node {\n        \n      }\n    }\n  }\n}\n');
    cm.focus();
    cm.setCursor({ line: 4, ch: 8 });
  });
  await page.keyboard.type('memb', { delay: 50 });
  const hint = page.locator('.CodeMirror-hints .CodeMirror-hint', { hasText: 'memberships' });
  await hint.first().waitFor({ timeout: 10_000 });
  await page.close();
  assert.deepEqual(errors, [], 'errors in the page or its console');
});
