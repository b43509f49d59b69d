import type { RunView } from '../server/run-views.js';
import { h, s } from './dom.js';
import type { Layout } from './layout.js';
import { layOut } from './layout.js';

const NODE_W = 168;
const NODE_H = 40;

/** The DAG on screen: its nodes can be told new statuses without laying it out again. */
export interface DagView {
  element: HTMLElement;
  /** The set of tasks it was laid out for. */
  key: string;
  update(view: RunView, selected: string | undefined): void;
}

/**
 * The run's tasks laid out by dagre (top to bottom: needs above), drawn as SVG. Pan by dragging or
 * with the arrow keys, zoom with the wheel or + and -; each task is a link to its panel (Tab, Enter).
 * The layout is made in a worker: the rest of the page is usable while it is being made.
 */
export function dagView(view: RunView, open: (task: string) => void): DagView {
  const tasks = view.run.selected;
  const box = h(
    'div',
    { class: 'dag-box' },
    h('p', { class: 'muted pad' }, `Laying out ${tasks.length} tasks…`),
  );
  let drawn: ((v: RunView, selected: string | undefined) => void) | undefined;
  let latest: [RunView, string | undefined] = [view, undefined];
  layOut(view, { width: NODE_W, height: NODE_H }).then(
    (layout) => {
      drawn = draw(box, view, layout, open);
      drawn(...latest);
    },
    (e: unknown) =>
      box.replaceChildren(h('p', { class: 'problem pad' }, `The graph could not be laid out: ${String(e)}`)),
  );
  return {
    element: box,
    key: tasks.join('\n'),
    update(v, selected) {
      latest = [v, selected];
      drawn?.(v, selected);
    },
  };
}

/** Draws the laid-out DAG into `box`; returns what shows new statuses on it. */
function draw(
  box: HTMLElement,
  view: RunView,
  layout: Layout,
  open: (task: string) => void,
): (v: RunView, selected: string | undefined) => void {
  const tasks = view.run.selected;
  const { width, height } = layout;
  const critical = new Set(view.critical);
  const criticalEdges = new Set(view.critical.slice(1).map((id, i) => `${view.critical[i]}→${id}`));

  const content = s('g');
  for (const e of layout.edges) {
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
    content.append(
      s('path', {
        d,
        class: `edge${criticalEdges.has(`${e.from}→${e.to}`) ? ' critical' : ''}`,
        'marker-end': 'url(#arrow)',
      }),
    );
  }
  const nodes = new Map<string, SVGElement>();
  for (const id of tasks) {
    const n = layout.nodes[id]!;
    const label = id.length > 22 ? `${id.slice(0, 21)}…` : id;
    const node = s(
      'g',
      {
        class: `node${critical.has(id) ? ' critical' : ''}`,
        transform: `translate(${n.x - NODE_W / 2},${n.y - NODE_H / 2})`,
        tabindex: 0,
        role: 'link',
        'data-task': id,
        onclick: () => open(id),
        onkeydown: (e) => {
          if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') {
            e.preventDefault();
            open(id);
          }
        },
      },
      s('title', {}, id),
      s('rect', { width: NODE_W, height: NODE_H, rx: 6 }),
      s('text', { x: 10, y: 17, class: 'name' }, label),
      s('text', { x: 10, y: 32, class: 'status' }, ''),
    );
    nodes.set(id, node);
    content.append(node);
  }
  const svg = s(
    'svg',
    {
      class: 'dag',
      role: 'group',
      'aria-label': 'Task graph: drag or use the arrow keys to pan, + and - to zoom',
      tabindex: 0,
    },
    s(
      'defs',
      {},
      s(
        'marker',
        {
          id: 'arrow',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          // In the graph's units: the thick critical edges do not get bigger arrows.
          markerUnits: 'userSpaceOnUse',
          markerWidth: 8,
          markerHeight: 8,
          orient: 'auto',
        },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }),
      ),
    ),
    content,
  );
  box.replaceChildren(svg);
  pannable(svg, content, width, height);

  return (v, selected) => {
    for (const [id, node] of nodes) {
      const t = v.run.tasks[id];
      if (!t) continue;
      node.setAttribute(
        'class',
        `node status-${t.status}${critical.has(id) ? ' critical' : ''}${id === selected ? ' selected' : ''}`,
      );
      node.setAttribute(
        'aria-label',
        `${id}: ${t.status}${critical.has(id) ? ', on the critical path' : ''}`,
      );
      node.querySelector('.status')!.textContent =
        `${t.status}${t.attempts.length > 1 ? ` · ${t.attempts.length} attempts` : ''}`;
    }
  };
}

/** Drag, wheel and keys move and scale `content` inside `svg`. */
function pannable(svg: SVGElement, content: SVGElement, width: number, height: number): void {
  let x = 0;
  let y = 0;
  let scale = 1;
  const apply = () => content.setAttribute('transform', `translate(${x},${y}) scale(${scale})`);
  // Drawn at its own size (a small graph is not blown up); a large one shows a window to pan across.
  const [w, h] = [Math.min(Math.max(width, 320), 1200), Math.min(Math.max(height, 120), 640)];
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(h));
  let drag: { x: number; y: number } | undefined;
  svg.addEventListener('pointerdown', (e) => {
    if ((e.target as Element).closest('.node')) return;
    drag = { x: e.clientX - x, y: e.clientY - y };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    x = e.clientX - drag.x;
    y = e.clientY - drag.y;
    apply();
  });
  svg.addEventListener('pointerup', () => (drag = undefined));
  svg.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      scale = Math.min(3, Math.max(0.2, scale * (e.deltaY < 0 ? 1.1 : 0.9)));
      apply();
    },
    { passive: false },
  );
  svg.addEventListener('keydown', (e) => {
    if (e.target !== svg) return;
    const step = 40;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => (x += step),
      ArrowRight: () => (x -= step),
      ArrowUp: () => (y += step),
      ArrowDown: () => (y -= step),
      '+': () => (scale = Math.min(3, scale * 1.2)),
      '=': () => (scale = Math.min(3, scale * 1.2)),
      '-': () => (scale = Math.max(0.2, scale / 1.2)),
      '0': () => ((x = 0), (y = 0), (scale = 1)),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    move();
    apply();
  });
}
