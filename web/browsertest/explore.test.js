// The explorer at /explore in a real browser: Debian's chromium, driven by playwright-core,
// against a running aspgraph at ASPGRAPH_URL (make browser-test starts one). From the keyboard
// it searches for "BEST" and draws the hit's neighbourhood; it expands nodes by click and by
// keyboard, traces the path to the 1953 network, reads the key-area and growth charts and a
// point's citation on hover and on focus; at a phone's width it checks the layout fits. It
// runs axe-core's WCAG 2 A/AA rules (contrast among them) on the page, and checks that the
// page logs no error and asks no other host for anything. Run with `node --test` here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { launch, watch } from './chromium.js';

const base = process.env.ASPGRAPH_URL;
const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, 'artifacts');
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
let seen;

before(async () => {
  assert.ok(base, 'ASPGRAPH_URL must name the running service, e.g. http://127.0.0.1:8080');
  await mkdir(artifacts, { recursive: true });
  browser = await launch();
  seen = watch(browser.context);
});

after(async () => {
  await browser?.close();
});

// api asks the service directly, to compare what the page shows with what the API says.
async function api(query, variables = {}) {
  const res = await fetch(`${base}/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

const state = (page) => page.evaluate(() => window.aspgraphExplorer.state());

// settled waits until the graph is drawn, laid out, with more than min nodes.
async function settled(page, min) {
  await page.waitForFunction(
    (n) => {
      const g = document.getElementById('graph');
      return g.dataset.ready === 'true' && Number(g.dataset.nodes) > n && document.body.dataset.busy !== 'true';
    },
    min,
    { timeout: 30_000 },
  );
  return state(page);
}

// nodeOnScreen is where the graph draws a node, in the page's coordinates.
async function nodeOnScreen(page, id) {
  return page.evaluate((nodeId) => {
    const { graph } = window.aspgraphExplorer;
    const p = graph.cy.getElementById(nodeId).renderedPosition();
    const r = graph.container.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, id);
}

// axe runs axe-core's WCAG 2 A and AA rules on the page and returns the violations, each with
// the elements it found. (page.evaluate runs outside the page's Content-Security-Policy.)
async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
  });
}

test('the explorer searches, draws, expands, traces and charts, offline and without errors', { timeout: 180_000 }, async (t) => {
  const { networks } = await api('{ networks { id name scope launched } }');
  const origin = networks.find((n) => n.scope === 'GLOBAL');
  assert.equal(origin.launched, '1953');
  const kz = networks.find((n) => n.name === 'ASPnet in Kazakhstan');
  const { search } = await api('query($t: String!) { search(text: $t) { node { id ... on School { name } } } }', { t: 'BEST' });
  const best = search[0].node;
  assert.equal(best.name, 'BEST school');

  const page = await browser.context.newPage();
  const res = await page.goto(`${base}/explore`, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-security-policy'] ?? '', /default-src 'self'; script-src 'self'/);
  assert.equal(await page.title(), 'aspgraph explorer — ASPnet knowledge graph');
  await page.waitForFunction(() => document.body.dataset.started === 'true', null, { timeout: 30_000 });
  assert.equal(await page.getByRole('link', { name: 'GraphQL playground' }).getAttribute('href'), '/');

  // From the keyboard: Tab to the search box, type, Enter; Tab to the first hit, Enter.
  let reached = false;
  for (let i = 0; i < 5 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'search-text');
  }
  assert.ok(reached, 'Tab never reached the search box');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(ring, 'solid', 'the focused search box shows no focus ring');
  await page.keyboard.type('BEST');
  await page.keyboard.press('Enter');
  const hits = page.locator('#search-results button.hit');
  await hits.first().waitFor({ timeout: 30_000 });
  assert.equal(await hits.count(), search.length, 'the page lists another number of hits than the API');
  assert.match(await hits.first().innerText(), /BEST school/);
  await page.keyboard.press('Tab'); // the Search button
  await page.keyboard.press('Tab'); // the first hit
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.id), best.id, 'Tab did not reach the first hit');
  await page.keyboard.press('Enter');
  const drawn = await settled(page, 1);
  assert.equal(drawn.centre, best.id);
  const { neighborhood } = await api('query($id: ID!) { neighborhood(id: $id, depth: 1) { nodes { id } edges { from } } }', { id: best.id });
  assert.equal(drawn.nodes, neighborhood.nodes.length, 'the graph draws another number of nodes than the API gives');
  assert.equal(drawn.edges, neighborhood.edges.length);
  assert.equal(await page.locator('#node-list button.node').count(), drawn.nodes, 'the list beside the canvas does not hold every node');
  assert.ok((await page.locator('#legend li').count()) >= 5, 'no legend');
  assert.match(await page.locator('#graph-heading').innerText(), /BEST school/);
  assert.ok(new URL(page.url()).searchParams.get('node') === best.id, 'the address does not name the chosen node');

  // Expand by keyboard: the national network's button in the list, Enter.
  await page.locator(`#node-list button[data-id="${kz.id}"]`).focus();
  await page.keyboard.press('Enter');
  const byKeyboard = await settled(page, drawn.nodes);
  assert.ok(byKeyboard.nodes > drawn.nodes, `expanding by keyboard drew no more nodes (${byKeyboard.nodes})`);
  assert.equal(byKeyboard.expanded, 2);

  // Expand by click: the global network, which the national one brought in, on the canvas.
  const at = await nodeOnScreen(page, origin.id);
  await page.mouse.click(at.x, at.y);
  const byClick = await settled(page, byKeyboard.nodes);
  assert.ok(byClick.nodes > byKeyboard.nodes, `clicking a node drew no more nodes (${byClick.nodes})`);
  assert.equal(byClick.selected, origin.id);

  // Trace the path from the school to 1953.
  await page.locator(`#node-list button[data-id="${best.id}"]`).click();
  await page.getByRole('button', { name: 'Trace path to 1953' }).click();
  await page.locator('#path').waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForFunction(() => window.aspgraphExplorer.state().pathLength !== null);
  const traced = await state(page);
  const { shortestPath } = await api('query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b, maxHops: 10) { length } }', { a: best.id, b: origin.id });
  assert.equal(traced.pathLength, shortestPath.length);
  assert.equal(traced.pathLength, 2);
  assert.equal(await page.locator('#path-steps > li').count(), 2);
  const pathText = await page.locator('#path').innerText();
  assert.match(pathText, /MEMBER_OF/);
  assert.match(pathText, /launched in 1953/);
  assert.match(pathText, /1996/, 'the path shows no citation');
  assert.equal(await page.evaluate(() => window.aspgraphExplorer.graph.cy.nodes('.path').length), 3);

  // The key-area dashboard: one bar pair per area, the same figures in the table.
  const { keyAreaStats } = await api('{ keyAreaStats { keyArea { name } schools events } }');
  await page.waitForFunction((n) => document.getElementById('areas-box').dataset.bars === String(n), keyAreaStats.length);
  const total = keyAreaStats.reduce((n, s) => n + s.schools + s.events, 0);
  assert.ok(total > 0);
  assert.equal(await page.locator('#areas-box').getAttribute('data-total'), String(total));
  assert.equal(await page.locator('#areas-table tbody tr').count(), keyAreaStats.length);
  const bars = await page.evaluate(() => window.aspgraphExplorer.areas.chart.getDatasetMeta(0).data.length);
  assert.equal(bars, keyAreaStats.length);

  // The growth chart of the global network: both series, and a point's citation on hover.
  const { node: grown } = await api('query($id: ID!) { node(id: $id) { ... on Network { growth { date schools basis citations { quote source { title } } } } } }', { id: origin.id });
  const published = grown.growth.filter((p) => p.basis === 'PUBLISHED' && p.schools > 0);
  const recorded = grown.growth.filter((p) => p.basis === 'RECORDED' && p.schools > 0);
  assert.ok(published.length > 0 && recorded.length > 0);
  const box = page.locator('#growth-box');
  await page.waitForFunction((n) => document.getElementById('growth-box').dataset.points === String(n), published.length + recorded.length);
  assert.equal(await box.getAttribute('data-published'), String(published.length));
  assert.equal(await box.getAttribute('data-recorded'), String(recorded.length));
  await box.scrollIntoViewIfNeeded();
  const point = await page.evaluate(() => window.aspgraphExplorer.growth.pointPosition('PUBLISHED', 0));
  await page.mouse.move(point.x, point.y);
  const panel = page.locator('#growth-citation');
  await page.waitForFunction(() => document.getElementById('growth-citation').dataset.point === 'PUBLISHED:0', null, { timeout: 10_000 });
  assert.ok((await panel.innerText()).includes(published[0].citations[0].source.title), 'hovering a point shows no citation');
  assert.ok((await panel.innerText()).includes(published[0].citations[0].quote), 'hovering a point shows no quote');
  const tooltip = await page.evaluate(() => {
    const tt = window.aspgraphExplorer.growth.chart.tooltip;
    return { active: tt.getActiveElements().length, body: [...tt.title, ...tt.body.flatMap((b) => b.lines), ...tt.afterBody] };
  });
  assert.equal(tooltip.active, 1);
  assert.ok(tooltip.body.some((l) => l.includes(published[0].citations[0].source.title)), `the tooltip shows no source: ${tooltip.body}`);

  // A count is shown as published: a "more than" figure keeps its qualifier in the tooltip,
  // and the list says what a recorded point counts.
  const { node: qualified } = await api('query($id: ID!) { node(id: $id) { ... on Network { growth { schools schoolsQualifier basis } } } }', { id: origin.id });
  const atLeast = qualified.growth.filter((p) => p.basis === 'PUBLISHED' && p.schools > 0).findIndex((p) => p.schoolsQualifier === 'AT_LEAST');
  assert.ok(atLeast >= 0, 'the global network has no "more than" schools count');
  await page.evaluate((i) => window.aspgraphExplorer.growth.focusPoint(0, i), atLeast);
  const qualifiedTip = await page.evaluate(() => {
    const tt = window.aspgraphExplorer.growth.chart.tooltip;
    return tt.body.flatMap((b) => b.lines).join(' ');
  });
  const n = qualified.growth.filter((p) => p.basis === 'PUBLISHED' && p.schools > 0)[atLeast].schools.toLocaleString('en');
  assert.ok(qualifiedTip.includes(`more than ${n} schools`), `the tooltip drops the qualifier: ${qualifiedTip}`);
  const recordedText = await page.locator('#growth-points button[data-series="RECORDED"]').first().innerText();
  assert.ok(recordedText.includes('memberships held in the graph'), `a recorded point does not say what it counts: ${recordedText}`);

  // ... and on focus, for a keyboard: the recorded point's button.
  await page.locator('#growth-points button[data-series="RECORDED"]').first().focus();
  await page.waitForFunction(() => document.getElementById('growth-citation').dataset.point === 'RECORDED:0');
  assert.ok((await panel.innerText()).includes(recorded[0].citations[0].source.title), 'focusing a point shows no citation');
  await page.mouse.move(0, 0);

  const violations = await axe(page);
  assert.deepEqual(violations, [], 'axe-core finds WCAG 2 A/AA violations at 1280×800');

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(artifacts, 'explore.png'), fullPage: true });
  await page.close();

  assert.deepEqual(seen.pageErrors, [], 'uncaught errors in the page');
  assert.deepEqual(seen.consoleErrors, [], 'errors in the console');
  assert.deepEqual(seen.failedRequests, [], 'failed requests');
  const originURL = new URL(base).origin;
  const elsewhere = seen.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== originURL);
  assert.deepEqual(elsewhere, [], 'requests to another origin');
  const paths = [...new Set(seen.requests.filter((u) => !u.startsWith('data:')).map((u) => new URL(u).pathname))];
  t.diagnostic(`${seen.requests.length} requests, all to ${originURL}: ${paths.join(' ')}`);
});

test('the explorer fits a phone', { timeout: 120_000 }, async () => {
  const before = seen.requests.length;
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/explore`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.started === 'true', null, { timeout: 30_000 });
  await page.getByLabel(/Schools, networks/).fill('BEST');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('#search-results button.hit').first().click();
  const drawn = await settled(page, 1);
  assert.ok(drawn.nodes > 1);
  await page.getByRole('button', { name: 'Trace path to 1953' }).click();
  await page.waitForFunction(() => window.aspgraphExplorer.state().pathLength !== null, null, { timeout: 30_000 });
  await page.waitForFunction(() => document.getElementById('growth-box').dataset.points > 0);

  const layout = await page.evaluate(() => {
    const r = (id) => document.getElementById(id).getBoundingClientRect();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      canvas: r('graph'),
      list: r('node-list'),
      areas: r('areas-chart'),
      growth: r('growth-chart'),
    };
  });
  assert.ok(layout.scrollWidth <= 390, `the page is ${layout.scrollWidth} px wide at 390: it scrolls sideways`);
  assert.ok(layout.canvas.width >= 300 && layout.canvas.height >= 250, `the graph is ${layout.canvas.width}×${layout.canvas.height}`);
  assert.ok(layout.list.top >= layout.canvas.bottom, 'the list of nodes is not below the graph at a phone\'s width');
  for (const c of ['areas', 'growth']) {
    assert.ok(layout[c].width >= 300 && layout[c].right <= 390, `the ${c} chart is ${layout[c].width} px wide, ending at ${layout[c].right}`);
  }

  const violations = await axe(page);
  assert.deepEqual(violations, [], 'axe-core finds WCAG 2 A/AA violations at 390×844');
  await page.screenshot({ path: path.join(artifacts, 'explore-phone-full.png'), fullPage: true });
  // What a phone shows once the graph is drawn: the graph's section at the top of the screen.
  await page.evaluate(() => document.querySelector('section.graph').scrollIntoView());
  await page.screenshot({ path: path.join(artifacts, 'explore-phone.png') });
  await page.close();

  assert.deepEqual(seen.pageErrors, [], 'uncaught errors in the page');
  assert.deepEqual(seen.consoleErrors, [], 'errors in the console');
  const originURL = new URL(base).origin;
  const elsewhere = seen.requests.slice(before).filter((u) => !u.startsWith('data:') && new URL(u).origin !== originURL);
  assert.deepEqual(elsewhere, [], 'requests to another origin');
});

test('an address that names a node opens the explorer on it; one that names none says so', { timeout: 120_000 }, async () => {
  const { networks } = await api('{ networks { id name growth { schools basis } } }');
  const kz = networks.find((n) => n.name === 'ASPnet in Kazakhstan');
  const points = kz.growth.filter((p) => p.schools > 0).length;
  assert.ok(points > 0);
  const before = seen.requests.length;
  const page = await browser.context.newPage();

  await page.goto(`${base}/explore?node=${encodeURIComponent(kz.id)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.started === 'true', null, { timeout: 30_000 });
  const drawn = await settled(page, 1);
  assert.equal(drawn.centre, kz.id);
  assert.match(await page.locator('#graph-heading').innerText(), /ASPnet in Kazakhstan/);
  // A network at the centre is also the one whose growth is charted.
  assert.equal(await page.locator('#growth-network').inputValue(), kz.id);
  await page.waitForFunction((n) => document.getElementById('growth-box').dataset.points === String(n), points, { timeout: 30_000 });
  assert.equal(await page.locator('#error').isHidden(), true);

  await page.goto(`${base}/explore?node=nothing-here`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.started === 'true', null, { timeout: 30_000 });
  const alert = page.getByRole('alert');
  await alert.waitFor({ state: 'visible' });
  assert.match(await alert.innerText(), /No node of the graph has the ID nothing-here/);
  assert.equal((await state(page)).nodes, 0);
  // The rest of the page still works.
  assert.ok(Number(await page.locator('#areas-box').getAttribute('data-bars')) > 0);
  await page.close();

  assert.deepEqual(seen.pageErrors, [], 'uncaught errors in the page');
  assert.deepEqual(seen.consoleErrors, [], 'errors in the console');
  const originURL = new URL(base).origin;
  const elsewhere = seen.requests.slice(before).filter((u) => !u.startsWith('data:') && new URL(u).origin !== originURL);
  assert.deepEqual(elsewhere, [], 'requests to another origin');
});
