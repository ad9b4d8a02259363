// The neighbourhood graph: cytoscape with the fcose force layout, one colour and shape per
// type, and a list of the same nodes as buttons beside the canvas for keyboards and screen
// readers.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { typeOf, TYPES, OTHER, PATH_COLOR, TEXT, BACKGROUND } from './palette.js';
import { name, short, el, swatch } from './labels.js';

cytoscape.use(fcose);

// Up to this many nodes, every node shows its name.
const LABEL_ALL = 20;

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const style = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: 'data(shape)',
      width: 24,
      height: 24,
      label: '',
      color: TEXT,
      'font-size': 11,
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '130px',
      'text-background-color': BACKGROUND,
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'border-width': 1,
      'border-color': BACKGROUND,
    },
  },
  // Names show on every node of a small graph; on a larger one only on the centre, the
  // expanded nodes, the path and the node under the pointer or selected, so that they stay
  // readable: the list beside the canvas names them all.
  { selector: 'node.labelled, node.hover, node:selected', style: { label: 'data(short)', 'z-index': 10 } },
  { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': TEXT } },
  { selector: 'node.centre', style: { width: 36, height: 36, 'font-weight': 'bold', 'border-width': 3, 'border-color': TEXT } },
  { selector: 'node.path', style: { 'border-width': 5, 'border-color': PATH_COLOR } },
  { selector: 'node:selected', style: { 'overlay-color': PATH_COLOR, 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#8c8c8c',
      'target-arrow-color': '#8c8c8c',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
    },
  },
  {
    selector: 'edge.path',
    style: {
      width: 4,
      'line-color': PATH_COLOR,
      'target-arrow-color': PATH_COLOR,
      label: 'data(type)',
      'font-size': 9,
      color: TEXT,
      'text-rotation': 'autorotate',
      'text-background-color': BACKGROUND,
      'text-background-opacity': 0.9,
      'text-background-padding': '1px',
    },
  },
];

function nodeData(n) {
  const t = typeOf(n.__typename);
  const full = name(n);
  return {
    id: n.id,
    typename: n.__typename,
    name: full,
    short: short(full, 32),
    color: t.color,
    shape: t.shape,
    node: n,
  };
}

function edgeId(e) {
  return `${e.from}>${e.type}>${e.to}`;
}

// GraphView draws nodes and relationships and reports what the user does with them.
export class GraphView {
  // container: the canvas's element; list: the <ul> of node buttons; legend: the legend's
  // element; onExpand(id) is called when the user asks to expand a node, onSelect(node) when
  // one is selected.
  constructor({ container, list, legend, onExpand, onSelect }) {
    this.container = container;
    this.list = list;
    this.legend = legend;
    this.onExpand = onExpand;
    this.onSelect = onSelect;
    this.expanded = new Set();
    this.centre = null;
    this.cy = cytoscape({
      container,
      style,
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    // Names keep a readable size on screen however far the view is zoomed out.
    this.cy.on('zoom', () => this.scaleLabels());
    this.cy.on('mouseover', 'node', (evt) => evt.target.addClass('hover'));
    this.cy.on('mouseout', 'node', (evt) => evt.target.removeClass('hover'));
    this.cy.on('tap', 'node', (evt) => {
      const id = evt.target.id();
      this.select(id);
      this.onExpand(id);
    });
    this.renderLegend();
    this.sync();
  }

  // reset clears the graph and draws a subgraph around centre.
  reset(subgraph, centre) {
    this.cy.elements().remove();
    this.expanded.clear();
    this.centre = centre;
    this.add(subgraph, centre);
    this.expanded.add(centre);
    this.cy.getElementById(centre).addClass('centre expanded');
    this.layout(true);
    this.select(centre);
  }

  // merge adds a subgraph fetched around around (a node already drawn), placing the new
  // nodes near it; it returns how many nodes are new.
  merge(subgraph, around) {
    const added = this.add(subgraph, around);
    this.expanded.add(around);
    this.cy.getElementById(around).addClass('expanded');
    if (added > 0) this.layout(false);
    else this.sync();
    return added;
  }

  // add puts the nodes and edges that are not drawn yet into the graph, new nodes next to
  // the node around.
  add(subgraph, around) {
    const at = this.cy.getElementById(around);
    const origin = at.nonempty() ? at.position() : { x: 0, y: 0 };
    let added = 0;
    const els = [];
    for (const n of subgraph.nodes) {
      if (this.cy.getElementById(n.id).nonempty()) continue;
      added++;
      const angle = Math.random() * 2 * Math.PI;
      els.push({
        group: 'nodes',
        data: nodeData(n),
        position: { x: origin.x + 40 * Math.cos(angle), y: origin.y + 40 * Math.sin(angle) },
      });
    }
    this.cy.add(els);
    const edges = [];
    for (const e of subgraph.edges) {
      const id = edgeId(e);
      if (this.cy.getElementById(id).nonempty()) continue;
      if (this.cy.getElementById(e.from).empty() || this.cy.getElementById(e.to).empty()) continue;
      edges.push({ group: 'edges', data: { id, source: e.from, target: e.to, type: e.type } });
    }
    this.cy.add(edges);
    return added;
  }

  // showPath marks a path's nodes and edges, adding those not drawn yet.
  showPath(path) {
    this.cy.elements().removeClass('path');
    const added = this.add(path, this.centre);
    for (const n of path.nodes) this.cy.getElementById(n.id).addClass('path');
    for (const e of path.edges) this.cy.getElementById(edgeId(e)).addClass('path');
    this.container.dataset.pathLength = String(path.length);
    if (added > 0) this.layout(false);
    else this.sync();
  }

  clearPath() {
    this.cy.elements().removeClass('path');
    delete this.container.dataset.pathLength;
    this.sync();
  }

  layout(fresh) {
    this.container.dataset.ready = 'false';
    this.sync();
    const layout = this.cy.layout({
      name: 'fcose',
      quality: 'default',
      randomize: fresh,
      animate: !reducedMotion && !fresh,
      animationDuration: 400,
      fit: true,
      padding: 30,
      nodeRepulsion: () => 12000,
      idealEdgeLength: () => 90,
      nodeSeparation: 75,
      nodeDimensionsIncludeLabels: true,
    });
    layout.one('layoutstop', () => {
      this.orient();
      this.scaleLabels();
      this.container.dataset.ready = 'true';
    });
    layout.run();
  }

  // orient mirrors the layout across its diagonal when it is wide in a tall canvas (a
  // phone's) or tall in a wide one, so that it fills the canvas and draws larger.
  orient() {
    const bb = this.cy.nodes().boundingBox();
    const tall = this.container.clientHeight > this.container.clientWidth;
    if (bb.w === 0 || bb.h === 0 || tall === bb.h > bb.w) return;
    this.cy.nodes().positions((n) => ({ x: n.position('y'), y: n.position('x') }));
    this.cy.fit(undefined, 30);
  }

  // scaleLabels sizes the names so that they show at about 12 pixels on screen, up to three
  // times their size in the graph when zoomed out.
  scaleLabels() {
    const zoom = this.cy.zoom();
    const size = Math.round(Math.min(36, Math.max(11, 12 / zoom)));
    if (size === this.labelSize) return;
    this.labelSize = size;
    this.cy
      .style()
      .selector('node')
      .style({ 'font-size': size, 'text-max-width': `${size * 11}px` })
      .selector('edge.path')
      .style({ 'font-size': Math.round(size * 0.85) })
      .update();
  }

  fit() {
    this.cy.animate({ fit: { padding: 30 } }, { duration: reducedMotion ? 0 : 300 });
  }

  select(id) {
    const n = this.cy.getElementById(id);
    if (n.empty()) return;
    this.cy.$(':selected').unselect();
    n.select();
    this.selected = id;
    for (const b of this.list.querySelectorAll('button[data-id]')) {
      b.setAttribute('aria-current', b.dataset.id === id ? 'true' : 'false');
    }
    this.onSelect(n.data('node'));
  }

  node(id) {
    const n = this.cy.getElementById(id);
    return n.empty() ? null : n.data('node');
  }

  // sync writes the counts to the canvas's data attributes and redraws the list of nodes:
  // the centre first, then by type and name.
  sync() {
    const nodes = this.cy.nodes();
    const few = nodes.length <= LABEL_ALL;
    nodes.forEach((n) => {
      n.toggleClass('labelled', few || n.id() === this.centre || this.expanded.has(n.id()) || n.hasClass('path'));
    });
    this.container.dataset.nodes = String(nodes.length);
    this.container.dataset.edges = String(this.cy.edges().length);
    this.container.setAttribute(
      'aria-label',
      nodes.length === 0
        ? 'Graph of the chosen node\'s neighbourhood: nothing drawn yet'
        : `Graph of ${nodes.length} nodes and ${this.cy.edges().length} relationships around ${name(this.node(this.centre) || { id: '' })}; the list of nodes beside it holds the same nodes`,
    );
    const sorted = nodes.toArray().sort((a, b) => {
      if (a.id() === this.centre) return -1;
      if (b.id() === this.centre) return 1;
      return a.data('typename').localeCompare(b.data('typename')) || a.data('name').localeCompare(b.data('name'));
    });
    const focused = document.activeElement?.dataset?.id;
    this.list.replaceChildren(
      ...sorted.map((n) => {
        const id = n.id();
        const expanded = this.expanded.has(id);
        const t = typeOf(n.data('typename'));
        const b = el(
          'button',
          {
            type: 'button',
            class: 'node',
            'data-id': id,
            'aria-current': id === this.selected ? 'true' : 'false',
            title: n.data('name'),
          },
          swatch(n.data('typename')),
          el('span', { class: 'node-name' }, short(n.data('name'), 60)),
          el('span', { class: 'node-type' }, `${t.label}${expanded ? ', expanded' : ''}${n.hasClass('path') ? ', on the path' : ''}`),
        );
        b.addEventListener('click', () => {
          this.select(id);
          this.onExpand(id);
        });
        return el('li', {}, b);
      }),
    );
    if (focused) this.list.querySelector(`button[data-id="${CSS.escape(focused)}"]`)?.focus();
  }

  renderLegend() {
    const entries = [...Object.entries(TYPES), ['Other', OTHER]];
    this.legend.replaceChildren(
      el('h3', { class: 'visually-hidden' }, 'Legend'),
      el(
        'ul',
        {},
        entries.map(([typename, t]) => el('li', {}, swatch(typename), el('span', {}, t.label))),
        el('li', {}, el('span', { class: 'legend-ring', 'aria-hidden': 'true' }), el('span', {}, 'Expanded')),
        el('li', {}, el('span', { class: 'legend-path', 'aria-hidden': 'true' }), el('span', {}, 'Path to 1953')),
      ),
    );
  }
}
