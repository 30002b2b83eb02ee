// Plain SVG charts (no library): a line chart, a stacked bar chart and a donut. Colours come from CSS classes, so
// they follow light and dark mode; every point, bar and slice has a <title> tooltip, and each chart an aria label.
import { formatNumber } from './i18n.js';
import { el, svg } from './ui.js';

const WIDTH = 440;
const HEIGHT = 220;
const PAD = { top: 10, right: 8, bottom: 26, left: 34 };

/** A round axis maximum at or above value, with 4 even steps. */
function niceMax(value) {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const max = Math.ceil(value / (step * magnitude)) * step * magnitude;
    if (max / 4 === Math.round(max / 4)) return max;
  }
  return Math.ceil(value);
}

function frame(label, maxValue, labels, every) {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = niceMax(maxValue);
  const y = v => PAD.top + plotH - (v / max) * plotH;
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label, class: 'chart' });
  for (let i = 0; i <= 4; i++) {
    const value = (max / 4) * i;
    root.append(
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value), class: 'grid' }),
      svg('text', { x: PAD.left - 6, y: y(value) + 4, class: 'axis', 'text-anchor': 'end' }, formatNumber(value)));
  }
  const step = plotW / Math.max(1, labels.length);
  labels.forEach((text, i) => {
    if (i % every === 0 || i === labels.length - 1) {
      root.append(svg('text', { x: PAD.left + step * i + step / 2, y: HEIGHT - 8, class: 'axis', 'text-anchor': 'middle' }, text));
    }
  });
  return { root, y, step, plotH };
}

function legend(series) {
  return el('div', { className: 'legend' }, series.map(s => el('span', {}, el('i', { className: `swatch ${s.className}` }), s.name)));
}

/** A line chart: labels along x, series [{name, className, values}]. Returns a figure element. */
export function lineChart(label, labels, series) {
  const max = Math.max(0, ...series.flatMap(s => s.values));
  const { root, y, step } = frame(label, max, labels, Math.ceil(labels.length / 6));
  for (const s of series) {
    const points = s.values.map((v, i) => [PAD.left + step * i + step / 2, y(v)]);
    root.append(svg('polyline', { points: points.map(p => p.join(',')).join(' '), class: `line ${s.className}` }));
    points.forEach(([px, py], i) => root.append(svg('circle', { cx: px, cy: py, r: 3, class: `dot ${s.className}` },
      svg('title', {}, `${labels[i]} · ${s.name}: ${formatNumber(s.values[i])}`))));
  }
  return el('figure', { className: 'chart-figure' }, root, legend(series));
}

/** A stacked bar chart: labels along x, series stacked bottom-up. Returns a figure element. */
export function barChart(label, labels, series) {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + s.values[i], 0));
  const { root, y, step } = frame(label, Math.max(0, ...totals), labels, Math.ceil(labels.length / 7));
  const width = Math.min(36, step * 0.6);
  labels.forEach((text, i) => {
    let base = 0;
    for (const s of series) {
      const value = s.values[i];
      if (value > 0) {
        root.append(svg('rect', { x: PAD.left + step * i + (step - width) / 2, y: y(base + value), width,
          height: Math.max(1, y(base) - y(base + value)), class: `bar ${s.className}`, rx: 2 },
        svg('title', {}, `${text} · ${s.name}: ${formatNumber(value)}`)));
      }
      base += value;
    }
  });
  return el('figure', { className: 'chart-figure' }, root, legend(series));
}

/** A donut of items [{name, value}] with a legend of counts and shares. emptyText shows when all are zero. */
export function donutChart(label, items, emptyText) {
  const total = items.reduce((sum, item) => sum + item.value, 0);
  if (!total) return el('p', { className: 'muted chart-empty' }, emptyText);
  const size = 200;
  const r = 80;
  const inner = 48;
  const root = svg('svg', { viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': label, class: 'chart donut' });
  let angle = -Math.PI / 2;
  const point = (radius, a) => [size / 2 + radius * Math.cos(a), size / 2 + radius * Math.sin(a)];
  items.forEach((item, i) => {
    const share = item.value / total;
    const title = svg('title', {}, `${item.name}: ${formatNumber(item.value)} (${(share * 100).toFixed(1)}%)`);
    if (share >= 0.9999) {
      root.append(svg('circle', { cx: size / 2, cy: size / 2, r: (r + inner) / 2, class: `ring palette-${i % 10}`, 'stroke-width': r - inner }, title));
      return;
    }
    const end = angle + share * 2 * Math.PI;
    const large = share > 0.5 ? 1 : 0;
    const [x1, y1] = point(r, angle);
    const [x2, y2] = point(r, end);
    const [x3, y3] = point(inner, end);
    const [x4, y4] = point(inner, angle);
    root.append(svg('path', { d: `M${x1},${y1} A${r},${r} 0 ${large} 1 ${x2},${y2} L${x3},${y3} A${inner},${inner} 0 ${large} 0 ${x4},${y4} Z`,
      class: `slice palette-${i % 10}` }, title));
    angle = end;
  });
  root.append(svg('text', { x: size / 2, y: size / 2 + 6, 'text-anchor': 'middle', class: 'donut-total' }, formatNumber(total)));
  return el('figure', { className: 'chart-figure donut-figure' }, root,
    el('ul', { className: 'donut-legend' }, items.map((item, i) => el('li', {},
      el('i', { className: `swatch palette-${i % 10}` }),
      el('span', { className: 'name' }, item.name),
      el('span', { className: 'num' }, `${formatNumber(item.value)} · ${((item.value / total) * 100).toFixed(1)}%`)))));
}
