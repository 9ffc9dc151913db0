import { createRoot, Root } from 'react-dom/client';
import { UnifiedThemeProvider, themes } from '@backstage/theme';
import { ApiProvider } from '@backstage/core-app-api';
import { errorApiRef, translationApiRef } from '@backstage/frontend-plugin-api';
import { syntheticLineageGraph } from '../lineageGraph';
import { candidates } from './candidates';
import { phases } from './phases';
import '@xyflow/react/dist/style.css';

// DependencyGraph reads translations; answer with the default messages.
const translationApi = {
  getTranslation: (ref: any) => ({
    ready: true,
    t: (key: string) => ref.getDefaultMessages?.()[key] ?? key,
  }),
  translation$: () => ({ subscribe: () => ({ unsubscribe() {} }) }),
};
const errorApi = { post() {}, error$: () => ({ subscribe() {} }) };
const apis = {
  get: (ref: { id: string }) =>
    ((
      {
        [translationApiRef.id]: translationApi,
        [errorApiRef.id]: errorApi,
      } as Record<string, any>
    )[ref.id]),
};

let root: Root | undefined;
const frames: number[] = [];
const transforms = new Set<string>();
let recording = false;
let viewportSelector = '';

function transformOf(selector: string): string {
  const el = document.querySelector(selector) as HTMLElement | null;
  return (
    el?.getAttribute('transform') ??
    el?.dataset.transform ??
    el?.style.transform ??
    ''
  );
}

function frameLoop(last: number) {
  requestAnimationFrame(now => {
    if (!recording) return;
    frames.push(now - last);
    transforms.add(transformOf(viewportSelector));
    frameLoop(now);
  });
}

const nextFrame = () => new Promise<number>(r => requestAnimationFrame(r));

(window as any).__bench = {
  candidates: candidates.map(c => ({
    name: c.name,
    layout: c.layout,
    renderer: c.renderer,
    surfaceSelector: c.surfaceSelector,
  })),

  /** Mounts a candidate on an n-node graph; resolves once it is interactive. */
  async mount(name: string, n: number) {
    const candidate = candidates.find(c => c.name === name)!;
    viewportSelector = candidate.viewportSelector;
    const graph = syntheticLineageGraph(n);
    const container = document.getElementById('root')!;
    let longestTask = 0;
    const observer = new PerformanceObserver(list => {
      for (const e of list.getEntries()) {
        longestTask = Math.max(longestTask, e.duration);
      }
    });
    observer.observe({ type: 'longtask' });
    phases.reset();
    const started = phases.started;
    let lastMutation = started;
    let listAt = NaN;
    const mutations = new MutationObserver(() => {
      lastMutation = performance.now();
    });
    mutations.observe(container, {
      subtree: true,
      childList: true,
      attributes: true,
    });
    root = createRoot(container);
    root.render(
      <ApiProvider apis={apis}>
        <UnifiedThemeProvider theme={themes.light}>
          <div style={{ width: '100vw', height: '100vh' }}>
            {candidate.render(graph)}
          </div>
        </UnifiedThemeProvider>
      </ApiProvider>,
    );
    // Laid out = all nodes in the DOM and no DOM change for a second; the
    // time reported is that of the last change.
    for (;;) {
      await new Promise(r => setTimeout(r, 50));
      const count = candidate.countsNodes
        ? Number(
            container.querySelector<HTMLElement>(candidate.nodeSelector)
              ?.dataset.nodes ?? 0,
          )
        : container.querySelectorAll(candidate.nodeSelector).length;
      if (count >= n && Number.isNaN(listAt)) listAt = lastMutation - started;
      if (count >= n && performance.now() - lastMutation > 1000) break;
      if (performance.now() - started > 90_000) {
        mutations.disconnect();
        observer.disconnect();
        return { timedOut: true, rendered: count };
      }
    }
    mutations.disconnect();
    const readyMs = lastMutation - started;

    // Interactive = a wheel zoom shows up in the next frames.
    const surface = document.querySelector(candidate.surfaceSelector)!;
    const box = surface.getBoundingClientRect();
    const before = transformOf(candidate.viewportSelector);
    const wheelAt = performance.now();
    surface.dispatchEvent(
      new WheelEvent('wheel', {
        deltaY: -120,
        clientX: box.left + box.width / 2,
        clientY: box.top + box.height / 2,
        bubbles: true,
        cancelable: true,
      }),
    );
    let responseMs = -1;
    for (let i = 0; i < 30; i++) {
      await nextFrame();
      if (transformOf(candidate.viewportSelector) !== before) {
        responseMs = performance.now() - wheelAt;
        break;
      }
    }
    observer.disconnect();
    return {
      timedOut: false,
      readyMs,
      responseMs,
      longestTaskMs: longestTask,
      layoutAtMs: phases.layoutAt,
      layoutMs: phases.layoutMs,
      firstPaintMs: phases.firstPaintAt,
      nodesInDomMs: listAt,
      nodes: n,
      edges: graph.edges.length,
    };
  },

  startFrames() {
    frames.length = 0;
    phases.paints = [];
    transforms.clear();
    recording = true;
    frameLoop(performance.now());
  },

  stopFrames() {
    recording = false;
    return {
      frames: frames.slice(1),
      paints: phases.paints.slice(),
      distinctTransforms: transforms.size,
    };
  },
};
