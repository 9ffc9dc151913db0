import type { APIRequestContext, Page } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { waitForOnCallRow } from './support/onCall';

/*
 * The lineage journey on the example platform: an engineer opens an
 * endpoint's Lineage tab, sees one hop each way, and expands the pipeline
 * that writes it to see the tables it reads. The graph is a canvas; its nodes
 * and "+N" handles are also a list of buttons for keyboard and screen reader
 * users, which is how this test reads and drives it.
 */

const ENDPOINT = { kind: 'dataendpoint', name: 'plays-hourly' };
const ENDPOINT_REF = `${ENDPOINT.kind}:default/${ENDPOINT.name}`;

type LineageNode = {
  id: string;
  kind: string;
  title: string;
  registered: boolean;
  depth: number;
  upstreamCount: number;
};
type LineageGraph = {
  root: string;
  nodes: LineageNode[];
  edges: { from: string; to: string }[];
};

/** How the node list names a kind (graph/visuals.ts). */
const KIND_LABEL: Record<string, string> = {
  EventType: 'Event type',
  Pipeline: 'Pipeline',
  DataEndpoint: 'Data endpoint',
  Component: 'Component',
  Dataset: 'Dataset',
  Job: 'Job',
};

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How the node list names a node. A pipeline that the last health sweep found
 * late or failed says so after its title. The example's demo feeder stalls
 * plays-hourly-clean: whether it is marked late yet depends on whether the
 * first health sweep after start has run when the page loads.
 */
const nodeName = (node: LineageNode, root = false) =>
  new RegExp(
    `^${escapeRegExp(
      `${KIND_LABEL[node.kind]} ${node.title}${
        node.registered ? '' : ' (not in catalog)'
      }`,
    )}( \\((late|failed)\\))?${root ? escapeRegExp(' (root)') : ''}$`,
  );

/** The lineage around the endpoint, once the index has synced with the catalog (every 20 s). */
async function lineageOf(
  api: APIRequestContext,
  direction: 'upstream' | 'both',
  depth: number,
): Promise<LineageGraph> {
  let graph: LineageGraph | undefined;
  await expect
    .poll(
      async () => {
        const res = await api.get(
          `api/data-platform/lineage/graph?node=${encodeURIComponent(
            ENDPOINT_REF,
          )}&direction=${direction}&depth=${depth}`,
        );
        if (res.ok()) graph = await res.json();
        return res.status();
      },
      {
        message: `the lineage index knows ${ENDPOINT_REF}`,
        timeout: 90_000,
        intervals: [2_000],
      },
    )
    .toBe(200);
  return graph!;
}

test("an endpoint's Lineage tab expands upstream to the tables its pipeline reads, laid out in a web worker", async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(240_000);
  const workers: string[] = [];
  page.on('worker', worker => workers.push(worker.url()));

  const oneHop = await lineageOf(backendApi, 'both', 1);
  const upstream = await lineageOf(backendApi, 'upstream', 2);
  const root = upstream.nodes.find(n => n.id === ENDPOINT_REF)!;
  const writers = upstream.nodes.filter(n => n.depth === -1);
  expect(writers.length).toBeGreaterThan(0);
  // The pipeline to expand: the writer with the most inputs.
  const pipeline = [...writers].sort(
    (a, b) => b.upstreamCount - a.upstreamCount,
  )[0];
  const inputs = upstream.nodes.filter(
    n =>
      n.depth === -2 &&
      upstream.edges.some(e => e.from === n.id && e.to === pipeline.id),
  );
  expect(inputs.length).toBeGreaterThan(0);

  await page.goto(`/catalog/default/${ENDPOINT.kind}/${ENDPOINT.name}/lineage`);
  const graph = page.getByRole('list', { name: /^Lineage graph nodes/ });
  await expect(
    graph.getByRole('button', { name: nodeName(root, true) }),
  ).toBeAttached({ timeout: 60_000 });
  const canvas = page.getByTestId('lineage-canvas');
  await expectAccessible(page);

  // Collapsed to one hop: the pipeline is there, what it reads is not yet.
  await expect(
    graph.getByRole('button', { name: nodeName(pipeline) }),
  ).toBeAttached();
  for (const input of inputs) {
    await expect(
      graph.getByRole('button', { name: nodeName(input) }),
    ).toHaveCount(0);
  }
  await expect(canvas).toHaveAttribute(
    'data-drawn-nodes',
    String(oneHop.nodes.length),
  );

  // Expand upstream of the pipeline, as a keyboard user does.
  const expand = graph.getByRole('button', {
    name: `+${pipeline.upstreamCount} upstream of ${pipeline.title}`,
    exact: true,
  });
  await expand.focus();
  // The list shows while it has the focus.
  await expect(expand).toBeInViewport();
  await expand.press('Enter');

  for (const input of inputs) {
    await expect(
      graph.getByRole('button', { name: nodeName(input) }),
    ).toBeAttached();
  }
  await expect(expand).toHaveCount(0);
  await expect(
    graph.getByRole('button', { name: nodeName(pipeline) }),
  ).toBeFocused();
  // The new tables were drawn on the canvas, in view.
  const shown = new Set([
    ...oneHop.nodes.map(n => n.id),
    ...inputs.map(n => n.id),
  ]);
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await expect(canvas).toHaveAttribute('data-drawn-nodes', String(shown.size));

  await page.screenshot({
    path: test.info().outputPath('lineage-tab-expanded.png'),
  });
  // Zoomed in, the canvas says how much of the graph is out of view.
  // Zoomed in, the canvas says how much of the graph is out of view, and an
  // overview of the whole graph moves the view where it is clicked.
  const inView = new RegExp(`^\\d+ of ${shown.size} nodes in view`);
  const minimap = page.getByTestId('lineage-minimap');
  await expect(page.getByText(inView)).toHaveCount(0);
  await expect(minimap).toBeHidden();
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Zoom in' }).click();
  }
  await expect(page.getByText(inView)).toBeVisible();
  await expect(minimap).toBeVisible();
  const zoomedIn = (await canvas.getAttribute('data-transform'))!;
  const overview = (await minimap.boundingBox())!;
  await minimap.click({
    position: { x: overview.width - 3, y: overview.height / 2 },
  });
  await expect(canvas).not.toHaveAttribute('data-transform', zoomedIn);
  // Same zoom, another place.
  expect((await canvas.getAttribute('data-transform'))!.split(',')[2]).toBe(
    zoomedIn.split(',')[2],
  );

  // The layout ran off the main thread: a worker started (its chunk's name
  // depends on the build) and listens for layout requests.
  expect(workers).toHaveLength(1);
  const [layoutWorker] = page.workers();
  expect(await layoutWorker.evaluate(() => typeof self.onmessage)).toBe(
    'function',
  );
  test.info().annotations.push({
    type: 'layout worker',
    description: layoutWorker.url(),
  });
});

test('on call, the lineage of a late pipeline marks it and shows the path from its upstream root cause', async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(360_000);
  const waiting = await waitForOnCallRow(backendApi, {
    wanted: r => (r.rootCause?.chain.length ?? 0) > 0,
    message: 'a pipeline with an upstream root cause (demo feeder + sweep)',
  });
  const rootCauseRef = waiting.rootCause!.chain.at(-1)!.pipelineRef;
  const pathRes = await backendApi.get(
    `api/data-platform/lineage/path?from=${encodeURIComponent(
      rootCauseRef,
    )}&to=${encodeURIComponent(waiting.pipelineRef)}`,
  );
  expect(pathRes.ok()).toBe(true);
  const path = (await pathRes.json()) as {
    path: string[];
    nodes: LineageNode[];
  };
  expect(path.path.length).toBeGreaterThan(1);
  const rootCause = path.nodes.find(n => n.id === rootCauseRef)!;

  await page.goto(
    `/data-lineage?node=${encodeURIComponent(waiting.pipelineRef)}`,
  );
  const graph = page.getByRole('list', { name: /^Lineage graph nodes/ });
  const node = graph.locator(`[data-node-id="${waiting.pipelineRef}"]`);
  // Marked from pipeline health, in its accessible name too.
  await expect(node).toHaveAttribute('data-problem', waiting.state, {
    timeout: 60_000,
  });
  await expect(node).toHaveAccessibleName(
    `Pipeline ${waiting.title} (${waiting.state}) (root)`,
  );

  await node.focus();
  await node.press('Enter');
  const status = page
    .getByLabel('Selected node')
    .getByRole('region', { name: 'Pipeline health' });
  await expect(status.getByTestId('root-cause')).toContainText('Caused by');
  await status
    .getByRole('button', { name: 'Show path from root cause' })
    .click();

  const hops = path.path.length - 1;
  await expect(
    page.getByText(
      `Path: ${rootCause.title} → ${waiting.title} · ${hops} hop${
        hops === 1 ? '' : 's'
      }`,
    ),
  ).toBeVisible();
  for (const id of path.path) {
    await expect(graph.locator(`[data-node-id="${id}"]`)).toHaveAttribute(
      'data-on-path',
      'true',
    );
  }
  await expectPathFramed(page, path.path);
  await page.screenshot({
    path: test.info().outputPath('lineage-root-cause-path.png'),
  });

  // The on-call page's "Show in lineage" link opens the same path, framed,
  // on a wide screen and on a phone (there, the late pipeline alone fits
  // legibly; its upstream is a pan away).
  const linked = `/data-lineage?node=${encodeURIComponent(
    waiting.pipelineRef,
  )}&pathFrom=${encodeURIComponent(rootCauseRef)}`;
  for (const [width, height, whole] of [
    [1440, 900, 2],
    [390, 844, 1],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto(linked);
    await expect(
      graph.locator(`[data-node-id="${rootCauseRef}"]`),
    ).toHaveAttribute('data-on-path', 'true', { timeout: 60_000 });
    await page.getByTestId('lineage-canvas').scrollIntoViewIfNeeded();
    await expectPathFramed(page, path.path, whole);
    await page.screenshot({
      path: test.info().outputPath(`oncall-lineage-path-${width}.png`),
    });
  }
});

/**
 * A path's end (the late pipeline) and, if `whole` is 2, its nearest
 * upstream are drawn whole inside the canvas, clear of the zoom controls, at a zoom where the canvas
 * draws node titles (LABEL_MIN_ZOOM, 0.45); if the rest of the path is off
 * screen, the canvas says it is a pan away.
 */
async function expectPathFramed(page: Page, pathIds: string[], whole = 2) {
  const canvas = page.getByTestId('lineage-canvas');
  await expect(canvas).toBeInViewport();
  const firstControl = page.getByRole('button', { name: 'Zoom in' });
  const lastControl = page.getByRole('button', { name: 'Centre on root' });
  const framed = pathIds.slice(-whole);
  const graphNodes = page.getByRole('list', { name: /^Lineage graph nodes/ });
  const screenBoxes = async () => {
    const t = (await canvas.getAttribute('data-transform'))!
      .split(',')
      .map(Number);
    const [x, y, k] = t;
    const boxes = [];
    for (const id of pathIds) {
      const [gx, gy, w, h] = (await graphNodes
        .locator(`[data-node-id="${id}"]`)
        .getAttribute('data-box'))!
        .split(',')
        .map(Number);
      boxes.push({
        id,
        left: gx * k + x,
        top: gy * k + y,
        right: (gx + w) * k + x,
        bottom: (gy + h) * k + y,
      });
    }
    return { k, boxes };
  };
  const problems = async () => {
    const area = (await canvas.boundingBox())!;
    const top = (await firstControl.boundingBox())!;
    const bottom = (await lastControl.boundingBox())!;
    const { k, boxes } = await screenBoxes();
    const found: string[] = [];
    if (k < 0.45) found.push(`zoom ${k} draws no titles`);
    for (const b of boxes.filter(box => framed.includes(box.id))) {
      if (
        b.left < 0 ||
        b.top < 0 ||
        b.right > area.width ||
        b.bottom > area.height
      ) {
        found.push(`${b.id} not whole in the canvas`);
      }
      const controlsLeft = top.x - area.x;
      const controlsBottom = bottom.y + bottom.height - area.y;
      if (b.right > controlsLeft && b.top < controlsBottom) {
        found.push(`${b.id} under the zoom controls`);
      }
    }
    return found;
  };
  await expect
    .poll(problems, { message: 'the path framed legibly', timeout: 15_000 })
    .toEqual([]);
  await expect(page.getByText(/zoom in to read their names/)).toHaveCount(0);
  const { boxes } = await screenBoxes();
  const area = (await canvas.boundingBox())!;
  // A path node wholly outside the canvas: the note says where the rest is.
  const offScreen = boxes.some(
    b =>
      b.right < 0 || b.bottom < 0 || b.left > area.width || b.top > area.height,
  );
  if (offScreen) {
    await expect(page.getByText(/nodes in view · drag to pan/)).toBeVisible();
  }
}

test('the lineage explorer opens on what the catalog lacks, and a row opens its lineage', async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(180_000);
  // The example's OpenLineage events show a notebook job and the scratch
  // table it wrote, neither in the catalog.
  let gaps: { total: number; nodes: LineageNode[] } = { total: 0, nodes: [] };
  await expect
    .poll(
      async () => {
        const res = await backendApi.get(
          'api/data-platform/lineage/catalog-gaps?limit=20',
        );
        if (res.ok()) gaps = await res.json();
        return gaps.total;
      },
      {
        message: 'the example events replayed into the lineage index',
        timeout: 90_000,
        intervals: [2_000],
      },
    )
    .toBeGreaterThan(0);
  const [first] = gaps.nodes;

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Lineage' })
    .click();
  const section = page.getByRole('region', { name: 'Not in the catalog' });
  await expect(section.getByRole('row')).toHaveCount(gaps.nodes.length + 1);
  await section.getByRole('button', { name: first.title, exact: true }).click();

  await expect
    .poll(() => new URL(page.url()).searchParams.get('node'))
    .toBe(first.id);
  await expect(
    page
      .getByRole('list', { name: /^Lineage graph nodes/ })
      .getByRole('button', { name: nodeName(first, true) }),
  ).toBeAttached({ timeout: 60_000 });
  await expectAccessible(page);
});

test("an endpoint's Columns view names its fields as they read, and passes axe", async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(180_000);
  await lineageOf(backendApi, 'both', 1);
  await page.goto(`/catalog/default/${ENDPOINT.kind}/${ENDPOINT.name}/lineage`);
  await page.getByRole('tab', { name: 'Columns' }).click();

  // Each select is named by its label and the value it shows.
  const column = page.getByRole('button', { name: /^Column \S+$/ });
  await expect(column).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: /^Hops \d+$/ })).toBeVisible();
  await expect(page.getByText(/^Upstream/).first()).toBeVisible();
  await expectAccessible(page);
});

test('the lineage graph is reached in a few Tabs and walked with the arrow keys', async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(180_000);
  const oneHop = await lineageOf(backendApi, 'both', 1);
  const root = oneHop.nodes.find(n => n.id === ENDPOINT_REF)!;
  await page.goto(`/catalog/default/${ENDPOINT.kind}/${ENDPOINT.name}/lineage`);
  const graph = page.getByRole('list', { name: /^Lineage graph nodes/ });
  const rootNode = graph.getByRole('button', { name: nodeName(root, true) });
  await expect(rootNode).toBeAttached({ timeout: 60_000 });

  // The first Tab of the page skips the sidebar and the entity's header to
  // the explorer; the graph is the fourth stop after its search and fields.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await skip.press('Enter');
  let presses = 0;
  while (
    presses < 6 &&
    !(await rootNode.evaluate(e => e === document.activeElement))
  ) {
    await page.keyboard.press('Tab');
    presses += 1;
  }
  await expect(rootNode).toBeFocused();
  expect(presses).toBeLessThanOrEqual(4);
  await expect(rootNode).toHaveAccessibleDescription(
    /Arrow keys move between nodes/,
  );

  // Right goes downstream, left upstream: from the endpoint to a node of
  // each column and back.
  const downstream = oneHop.nodes.filter(n => n.depth === 1);
  if (downstream.length > 0) {
    await page.keyboard.press('ArrowRight');
    const focusedId = await page.evaluate(
      () => (document.activeElement as HTMLElement).dataset.nodeId,
    );
    expect(downstream.map(n => n.id)).toContain(focusedId);
    await page.keyboard.press('ArrowLeft');
    await expect(rootNode).toBeFocused();
  }
  const upstream = oneHop.nodes.filter(n => n.depth === -1);
  await page.keyboard.press('ArrowLeft');
  const writer = await page.evaluate(
    () => (document.activeElement as HTMLElement).dataset.nodeId,
  );
  expect(upstream.map(n => n.id)).toContain(writer);
  const writerNode = upstream.find(n => n.id === writer)!;

  // Enter opens the node: its details beside the graph.
  await page.keyboard.press('Enter');
  await expect(
    page.getByLabel('Selected node').getByRole('heading', {
      name: writerNode.title,
    }),
  ).toBeVisible();
});
