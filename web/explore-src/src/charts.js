// The key-area dashboard (a bar chart of schools and events per area) and the growth chart of
// a network (published and recorded series, each point's citation on hover or focus), drawn
// with Chart.js; each chart has the same figures beside it as a table or a list of buttons.
import {
  Chart,
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LogarithmicScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
} from 'chart.js';
import { SERIES, TEXT, GRID } from './palette.js';
import { el, formatDate, decimalYear, citationBlock } from './labels.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, LineController, LineElement, PointElement, Tooltip, Legend);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = TEXT;
Chart.defaults.borderColor = GRID;

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
if (reducedMotion) Chart.defaults.animation = false;

const tooltip = {
  backgroundColor: '#1b1b1b',
  titleColor: '#ffffff',
  bodyColor: '#ffffff',
  footerColor: '#ffffff',
  padding: 10,
  boxPadding: 4,
};

// wrap breaks a text into lines of at most n characters, at spaces.
export function wrap(text, n) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > n) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// KeyAreaChart draws keyAreaStats as horizontal bars and fills the table beside it.
export class KeyAreaChart {
  constructor({ canvas, box, table }) {
    this.canvas = canvas;
    this.box = box;
    this.table = table;
    this.chart = null;
  }

  draw(stats) {
    const narrow = window.matchMedia('(max-width: 40rem)').matches;
    const labels = stats.map((s) => wrap(s.keyArea.name, narrow ? 22 : 40));
    this.box.style.height = `${Math.max(260, stats.length * (narrow ? 64 : 48) + 80)}px`;
    const data = {
      labels,
      datasets: [
        { label: 'Schools', data: stats.map((s) => s.schools), backgroundColor: SERIES.schools, borderColor: SERIES.schools },
        { label: 'Events', data: stats.map((s) => s.events), backgroundColor: SERIES.events, borderColor: SERIES.events },
      ],
    };
    if (this.chart) {
      this.chart.data = data;
      this.chart.update();
    } else {
      this.chart = new Chart(this.canvas, {
        type: 'bar',
        data,
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Count' } },
            y: { ticks: { autoSkip: false } },
          },
          plugins: {
            legend: { position: 'top' },
            tooltip: { ...tooltip, callbacks: { title: (items) => stats[items[0].dataIndex].keyArea.name } },
          },
        },
      });
    }
    this.box.dataset.bars = String(stats.length);
    this.box.dataset.total = String(stats.reduce((n, s) => n + s.schools + s.events, 0));
    this.table.tBodies[0].replaceChildren(
      ...stats.map((s) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, s.keyArea.abbreviation ? `${s.keyArea.name} (${s.keyArea.abbreviation})` : s.keyArea.name),
          el('td', {}, String(s.schools)),
          el('td', {}, String(s.events)),
        ),
      ),
    );
  }
}

const BASES = [
  { basis: 'PUBLISHED', label: 'Published', color: SERIES.published, pointStyle: 'circle', dash: [] },
  { basis: 'RECORDED', label: 'Recorded', color: SERIES.recorded, pointStyle: 'rectRot', dash: [6, 4] },
];

// QUALIFIERS are how a reader says a count's qualifier before the number.
const QUALIFIERS = { EXACT: '', AT_LEAST: 'more than ', ABOUT: 'about ' };

// countText is a count as its source published it: "more than 12,000 schools".
function countText(n, qualifier, measure, unit) {
  const noun = measure === 'countries' && unit ? unit : n === 1 ? measure.replace(/ies$/, 'y').replace(/s$/, '') : measure;
  return `${QUALIFIERS[qualifier] || ''}${n.toLocaleString('en')} ${noun}`;
}

// pointText is a point as a reader should take it: the count with its qualifier, whether it is
// disputed, and for a recorded point that it counts only the memberships the graph holds,
// against the published total.
function pointText(p, measure) {
  const q = measure === 'schools' ? p.schoolsQualifier : p.countriesQualifier;
  let text = `${formatDate(p.date)}: ${countText(p[measure], q, measure, p.unit)}`;
  if (p.basis === 'PUBLISHED') {
    text += ' (published';
    if ((p.disputes || []).some((d) => d.measure === measure.toUpperCase())) text += ', disputed by another source';
    return `${text})`;
  }
  text += ' (recorded: memberships held in the graph, not the network\u2019s size';
  const t = p.publishedTotal;
  if (t && measure === 'schools') text += `; published by then: ${countText(t.schools, t.schoolsQualifier, 'schools')} (${formatDate(t.date)})`;
  return `${text})`;
}

// GrowthChart draws a network's growth: one series per basis, the counts on a log scale over
// a year axis; the source of the point under the pointer, or of the point focused in the
// list, shows in the citation panel.
export class GrowthChart {
  constructor({ canvas, box, list, panel }) {
    this.canvas = canvas;
    this.box = box;
    this.list = list;
    this.panel = panel;
    this.chart = null;
    this.series = [];
  }

  draw(network, measure) {
    this.network = network;
    this.measure = measure;
    this.series = BASES.map((b) =>
      network.growth
        .filter((p) => p.basis === b.basis && p[measure] !== null && p[measure] !== undefined && p[measure] > 0)
        .map((p) => ({ x: decimalYear(p.date), y: p[measure], point: p })),
    );
    const datasets = BASES.map((b, i) => ({
      label: b.label,
      data: this.series[i],
      borderColor: b.color,
      backgroundColor: b.color,
      borderDash: b.dash,
      pointStyle: b.pointStyle,
      pointRadius: 5,
      pointHoverRadius: 8,
      pointHitRadius: 10,
      borderWidth: 2,
      tension: 0,
    }));
    const title = measure === 'schools' ? 'Schools (log scale)' : 'Countries (log scale)';
    if (this.chart) {
      this.chart.data.datasets = datasets;
      this.chart.options.scales.y.title.text = title;
      this.chart.update();
    } else {
      this.chart = new Chart(this.canvas, {
        type: 'line',
        data: { datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          parsing: false,
          interaction: { mode: 'nearest', intersect: true },
          scales: {
            x: {
              type: 'linear',
              title: { display: true, text: 'Year' },
              ticks: { precision: 0, callback: (v) => (Number.isInteger(v) ? String(v) : '') },
            },
            y: { type: 'logarithmic', title: { display: true, text: title }, ticks: { callback: (v) => (/^[125]/.test(String(v)) ? Number(v).toLocaleString('en') : '') } },
          },
          plugins: {
            legend: { position: 'top', labels: { usePointStyle: true } },
            tooltip: {
              ...tooltip,
              callbacks: {
                title: (items) => formatDate(items[0].raw.point.date),
                label: (item) => pointText(item.raw.point, this.measure),
                afterBody: (items) => citationLines(items[0].raw.point),
              },
            },
          },
          onHover: (_evt, active) => {
            if (active.length > 0) this.show(active[0].datasetIndex, active[0].index);
          },
        },
      });
    }
    this.box.dataset.points = String(this.series.reduce((n, s) => n + s.length, 0));
    this.box.dataset.published = String(this.series[0].length);
    this.box.dataset.recorded = String(this.series[1].length);
    this.renderList();
    this.panel.replaceChildren(el('p', { class: 'help' }, 'The source of a point shows here.'));
    this.panel.dataset.point = '';
  }

  renderList() {
    const items = [];
    this.series.forEach((s, d) =>
      s.forEach((p, i) => items.push({ d, i, p })),
    );
    items.sort((a, b) => a.p.x - b.p.x || a.d - b.d);
    this.list.replaceChildren(
      ...items.map(({ d, i, p }) => {
        const b = el('button', { type: 'button', class: 'point', 'data-series': BASES[d].basis, 'data-index': String(i) }, pointText(p.point, this.measure));
        const show = () => this.focusPoint(d, i);
        b.addEventListener('focus', show);
        b.addEventListener('click', show);
        b.addEventListener('mouseenter', show);
        return el('li', {}, b);
      }),
    );
  }

  // focusPoint highlights a point as the pointer would and shows its source.
  focusPoint(d, i) {
    const meta = this.chart.getDatasetMeta(d).data[i];
    if (!meta) return;
    const active = [{ datasetIndex: d, index: i }];
    this.chart.setActiveElements(active);
    this.chart.tooltip.setActiveElements(active, { x: meta.x, y: meta.y });
    this.chart.update();
    this.show(d, i);
  }

  // show fills the citation panel with the point's sources.
  show(d, i) {
    const key = `${BASES[d].basis}:${i}`;
    if (this.panel.dataset.point === key) return;
    const p = this.series[d][i].point;
    const cites = p.citations || [];
    const shown = cites.slice(0, 3);
    this.panel.dataset.point = key;
    const more = cites.length - shown.length;
    this.panel.replaceChildren(
      el('h3', {}, pointText(p, this.measure)),
      ...shown.map(citationBlock),
      ...(more > 0 ? [el('p', { class: 'help' }, `and ${more} more source${more === 1 ? '' : 's'}`)] : []),
      ...(cites.length === 0 ? [el('p', { class: 'help' }, 'No source is recorded for this point.')] : []),
    );
  }

  // pointPosition is where a point is drawn, in the page's coordinates (for tests).
  pointPosition(basis, i) {
    const d = BASES.findIndex((b) => b.basis === basis);
    const meta = this.chart?.getDatasetMeta(d)?.data[i];
    if (!meta) return null;
    const r = this.canvas.getBoundingClientRect();
    return { x: r.left + meta.x, y: r.top + meta.y };
  }
}

function citationLines(p) {
  const lines = [''];
  const cites = p.citations || [];
  for (const c of cites.slice(0, 2)) {
    lines.push(...wrap(`Source: ${c.source?.title || 'untitled'}`, 60));
    if (c.quote) lines.push(...wrap(`“${c.quote}”`, 60));
    else if (c.summary) lines.push(...wrap(`Our summary: ${c.summary}`, 60));
    if (c.rule) lines.push(...wrap(`Derived: ${c.rule}`, 60));
  }
  if (cites.length > 2) lines.push(`and ${cites.length - 2} more sources`);
  return lines;
}
