// The aspgraph explorer at /explore: search the knowledge graph, draw a node's neighbourhood,
// expand it, trace a path to the 1953 launch of ASPnet, and chart key areas and growth. It
// uses only the public GraphQL API; everything it loads comes from this origin.
import { gql, APIError } from './api.js';
import { GraphView } from './graph.js';
import { KeyAreaChart, GrowthChart } from './charts.js';
import { typeOf } from './palette.js';
import { name, short, el, swatch, formatDate, citationBlock } from './labels.js';

const $ = (id) => document.getElementById(id);

const ui = {
  form: $('search-form'),
  text: $('search-text'),
  searchStatus: $('search-status'),
  results: $('search-results'),
  graphHeading: $('graph-heading'),
  graphStatus: $('graph-status'),
  depth: $('depth'),
  trace: $('trace'),
  fit: $('fit'),
  path: $('path'),
  pathHeading: $('path-heading'),
  pathSummary: $('path-summary'),
  pathSteps: $('path-steps'),
  follow: $('follow-mappings'),
  growthNetwork: $('growth-network'),
  growthMeasure: $('growth-measure'),
  error: $('error'),
};

let origin = null; // the global network, launched in 1953: the target of "Trace path to 1953"
let busy = 0;

function showError(err) {
  ui.error.hidden = false;
  ui.error.textContent = `Something went wrong: ${err && err.message ? err.message : String(err)}`;
}

function clearError() {
  ui.error.hidden = true;
  ui.error.textContent = '';
}

// run wraps an action on the API: marks the page busy, reports failures in the alert region
// (in the words explain gives for an error, when it has some).
async function run(action, explain) {
  busy++;
  document.body.dataset.busy = 'true';
  try {
    clearError();
    return await action();
  } catch (err) {
    const message = explain && explain(err);
    if (message) {
      ui.error.hidden = false;
      ui.error.textContent = message;
    } else {
      showError(err);
    }
    return undefined;
  } finally {
    busy--;
    if (busy === 0) document.body.dataset.busy = 'false';
  }
}

const graph = new GraphView({
  container: $('graph'),
  list: $('node-list'),
  legend: $('legend'),
  onExpand: (id) => expand(id),
  onSelect: (node) => {
    ui.trace.disabled = !origin || !node;
    ui.trace.title = node ? `The shortest chain of relationships from ${name(node)} to the network launched in 1953` : '';
  },
});

// Search.

ui.form.addEventListener('submit', (evt) => {
  evt.preventDefault();
  search(ui.text.value);
});

let searches = 0;

async function search(text) {
  text = text.trim();
  if (!text) {
    ui.searchStatus.textContent = 'Type some words to search for.';
    ui.results.replaceChildren();
    return;
  }
  ui.searchStatus.textContent = 'Searching…';
  const n = ++searches;
  const data = await run(() => gql('ExploreSearch', { text }));
  if (n !== searches) return; // a later search answers
  if (!data) {
    ui.searchStatus.textContent = '';
    return;
  }
  const hits = data.search;
  ui.searchStatus.textContent = hits.length === 0 ? `Nothing found for “${text}”.` : `${hits.length} result${hits.length === 1 ? '' : 's'} for “${text}”.`;
  ui.results.replaceChildren(
    ...hits.map((h, i) => {
      const t = typeOf(h.node.__typename);
      const b = el(
        'button',
        { type: 'button', class: 'hit', 'data-id': h.node.id, 'data-rank': String(i) },
        swatch(h.node.__typename),
        el('span', { class: 'hit-name' }, short(name(h.node), 90)),
        el('span', { class: 'hit-type' }, t.label + (h.node.date ? `, ${formatDate(h.node.date)}` : '')),
      );
      b.addEventListener('click', () => choose(h.node.id));
      return el('li', {}, b);
    }),
  );
}

// Graph.

let choices = 0;

async function choose(id, { focus = true } = {}) {
  const depth = Number(ui.depth.value) || 1;
  ui.graphStatus.textContent = 'Drawing the neighbourhood…';
  const n = ++choices;
  const data = await run(
    () => gql('ExploreNeighborhood', { id, depth }),
    (err) => (err instanceof APIError && err.code === 'BAD_USER_INPUT' ? `No node of the graph has the ID ${id}: search for it instead.` : undefined),
  );
  if (n !== choices) return; // the user chose another node meanwhile
  if (!data) {
    ui.graphStatus.textContent = 'Search for something and choose it to draw its neighbourhood.';
    return;
  }
  const sub = data.neighborhood;
  const centre = sub.nodes.find((n) => n.id === id) || sub.nodes[0];
  if (!centre) {
    ui.graphStatus.textContent = 'That node is no longer in the graph.';
    return;
  }
  hidePath();
  graph.reset(sub, centre.id);
  ui.fit.disabled = false;
  ui.graphHeading.textContent = `Neighbourhood of ${short(name(centre), 80)}`;
  ui.graphStatus.textContent = `${name(centre)} (${typeOf(centre.__typename).label.toLowerCase()}): ${sub.nodes.length} nodes within ${depth} hop${depth === 1 ? '' : 's'}${sub.truncated ? ' (the farthest left out)' : ''}.`;
  const url = new URL(window.location.href);
  url.searchParams.set('node', centre.id);
  window.history.replaceState(null, '', url);
  if (focus) ui.graphHeading.focus();
  if (centre.__typename === 'Network') selectGrowthNetwork(centre.id);
}

const expanding = new Set();

async function expand(id) {
  if (graph.expanded.has(id) || expanding.has(id)) {
    const n = graph.node(id);
    if (n) ui.graphStatus.textContent = `${name(n)} is expanded already.`;
    return;
  }
  expanding.add(id);
  try {
    const data = await run(() => gql('ExploreNeighborhood', { id, depth: 1 }));
    if (!data || !graph.node(id)) return; // the graph was redrawn around another node meanwhile
    const added = graph.merge(data.neighborhood, id);
    const n = graph.node(id);
    ui.graphStatus.textContent = added === 0 ? `${name(n)} has no neighbours that are not drawn already.` : `${name(n)}: ${added} more node${added === 1 ? '' : 's'}.`;
  } finally {
    expanding.delete(id);
  }
}

ui.fit.addEventListener('click', () => graph.fit());

ui.depth.addEventListener('change', () => {
  if (graph.centre) choose(graph.centre, { focus: false });
});

// Path to 1953.

function hidePath() {
  ui.path.hidden = true;
  graph.clearPath();
}

ui.trace.addEventListener('click', () => trace(graph.selected || graph.centre));

async function trace(from) {
  if (!from || !origin) return;
  const start = graph.node(from);
  ui.graphStatus.textContent = `Tracing ${name(start)} back to 1953…`;
  const data = await run(() => gql('ExploreTrace', { from, to: origin.id }));
  if (!data) return;
  const path = data.shortestPath;
  ui.path.hidden = false;
  if (!path) {
    graph.clearPath();
    ui.pathSummary.textContent = `No chain of at most 10 relationships links ${name(start)} to ${origin.name}.`;
    ui.pathSteps.replaceChildren();
  } else {
    graph.showPath(path);
    ui.pathSummary.textContent =
      path.length === 0
        ? `${origin.name} is the network launched in ${origin.launched}.`
        : `${name(start)} reaches ${origin.name}, launched in ${origin.launched}, in ${path.length} step${path.length === 1 ? '' : 's'}:`;
    ui.pathSteps.replaceChildren(...path.edges.map((e, i) => step(path.nodes[i], path.nodes[i + 1], e)));
  }
  ui.graphStatus.textContent = ui.pathSummary.textContent;
  ui.pathHeading.focus();
}

// step writes one relationship of a path, in the direction it is stored, with its sources.
function step(a, b, e) {
  const forward = e.from === a.id;
  const rel = el('span', { class: 'rel' }, forward ? ` —${e.type}→ ` : ` ←${e.type}— `);
  return el(
    'li',
    {},
    el('p', {}, el('strong', {}, name(a)), rel, el('strong', {}, name(b))),
    ...e.citations.slice(0, 2).map(citationBlock),
  );
}

// Key areas.

const areas = new KeyAreaChart({ canvas: $('areas-chart'), box: $('areas-box'), table: $('areas-table') });

let areaLoads = 0;

async function loadAreas() {
  const n = ++areaLoads;
  const data = await run(() => gql('ExploreKeyAreas', { followMappings: ui.follow.checked }));
  if (data && n === areaLoads) areas.draw(data.keyAreaStats);
}

ui.follow.addEventListener('change', loadAreas);

// Growth.

const growth = new GrowthChart({ canvas: $('growth-chart'), box: $('growth-box'), list: $('growth-points'), panel: $('growth-citation') });

// Each load draws only if no later one has started, so that answers arriving out of order
// never show a network other than the one selected.
let growthLoads = 0;

async function loadGrowth() {
  const id = ui.growthNetwork.value;
  if (!id) return;
  const n = ++growthLoads;
  const data = await run(() => gql('ExploreGrowth', { id }));
  if (data && data.node && n === growthLoads) growth.draw(data.node, ui.growthMeasure.value);
}

function selectGrowthNetwork(id) {
  if (ui.growthNetwork.value === id) return;
  if (![...ui.growthNetwork.options].some((o) => o.value === id)) return;
  ui.growthNetwork.value = id;
  loadGrowth();
}

ui.growthNetwork.addEventListener('change', loadGrowth);
ui.growthMeasure.addEventListener('change', loadGrowth);

// Start.

async function start() {
  const data = await run(() => gql('ExploreNetworks'));
  if (data) {
    origin = data.networks.find((n) => n.scope === 'GLOBAL' && String(n.launched).startsWith('1953')) || data.networks.find((n) => n.scope === 'GLOBAL') || null;
    ui.growthNetwork.replaceChildren(...data.networks.map((n) => el('option', { value: n.id }, n.name)));
    if (origin) ui.growthNetwork.value = origin.id;
  }
  const first = new URL(window.location.href).searchParams.get('node');
  await Promise.all([loadAreas(), loadGrowth(), first ? choose(first, { focus: false }) : null]);
  document.body.dataset.started = 'true';
}

// A hook for the browser test and the curious: what the page shows, in numbers.
window.aspgraphExplorer = {
  graph,
  growth,
  areas,
  state: () => ({
    nodes: graph.cy.nodes().length,
    edges: graph.cy.edges().length,
    expanded: graph.expanded.size,
    centre: graph.centre,
    selected: graph.selected,
    pathLength: ui.path.hidden ? null : Number(graph.container.dataset.pathLength ?? -1),
    origin: origin && origin.id,
  }),
};

start();
