import type {
  LineageEdge,
  LineageNode,
  ProblemState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { layeredLayout } from '../layout/layeredLayout';
import { hiddenNeighbourCounts } from '../state/hiddenCounts';
import {
  PaintState,
  View,
  edgeStrokes,
  inViewNote,
  LABEL_MIN_ZOOM,
  paintScene,
} from './paintScene';
import { buildScene, hitTest } from './scene';
import { recordingContext } from '../__testUtils__/recordingContext';
import {
  COLUMN_GAP,
  EDGE_STYLE,
  NODE_HEIGHT,
  NODE_WIDTH,
  PATH_COLOUR,
  PROBLEM_STYLE,
  ROW_GAP,
} from './visuals';

const n = (
  id: string,
  depth: number,
  extra: Partial<LineageNode> = {},
): LineageNode => ({
  id,
  kind: 'DataEndpoint',
  title: id,
  registered: true,
  depth,
  upstreamCount: 0,
  downstreamCount: 0,
  ...extra,
});

const nodes = [
  n('a', 0),
  n('b', 1, { kind: 'Pipeline', upstreamCount: 1, downstreamCount: 1 }),
  n('c', 1, { kind: 'Job', registered: false }),
  n('d', 1, { kind: 'Pipeline' }),
  n('e', 2, { upstreamCount: 1, downstreamCount: 4 }),
];
const edges: LineageEdge[] = [
  { from: 'a', to: 'b', source: 'declared' },
  { from: 'a', to: 'c', source: 'observed' },
  { from: 'a', to: 'd', source: 'both' },
  { from: 'b', to: 'e', source: 'declared' },
];

function paint(
  view: Partial<View> = {},
  state: Partial<PaintState> = {},
  problems?: Map<string, ProblemState>,
) {
  const layout = layeredLayout({
    root: 'a',
    nodes,
    edges,
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
    columnGap: COLUMN_GAP,
    rowGap: ROW_GAP,
  });
  const scene = buildScene(
    nodes,
    edges,
    layout,
    hiddenNeighbourCounts(nodes, edges),
    problems,
  );
  const recording = recordingContext();
  const drawn = paintScene(
    recording.ctx,
    scene,
    { k: 1, x: 0, y: 0, width: 2000, height: 2000, pixelRatio: 1, ...view },
    {
      root: 'a',
      colours: {
        background: '#fafafa',
        paper: '#fff',
        text: '#000',
        secondary: '#666',
        selection: '#00f',
      },
      ...state,
    },
  );
  return { ...recording, drawn, scene, layout };
}

describe('paintScene', () => {
  it('draws declared edges solid, observed dashed and both as a double line', () => {
    const { strokes } = paint();
    const declared = strokes.find(
      s => s.colour === EDGE_STYLE.declared.colour,
    )!;
    const observed = strokes.find(
      s => s.colour === EDGE_STYLE.observed.colour,
    )!;
    const both = strokes.filter(
      s =>
        s.curves === 1 &&
        (s.colour === EDGE_STYLE.both.colour || s.colour === '#fafafa'),
    );
    expect(declared).toMatchObject({ dash: [], curves: 2 });
    expect(observed.dash).toEqual([7, 5]);
    expect(observed.curves).toBe(1);
    // A wide dark stroke with a thin background-coloured one inside: two lines.
    expect(both.map(s => [s.colour, s.width])).toEqual([
      [EDGE_STYLE.both.colour, 4.5],
      ['#fafafa', 1.5],
    ]);
  });

  it('draws the highlighted path on top in the path colour', () => {
    const { strokes } = paint(
      {},
      {
        highlight: {
          nodes: new Set(['a', 'b', 'e']),
          edges: new Set(['a->b', 'b->e']),
        },
      },
    );
    const onPath = strokes.filter(s => s.colour === PATH_COLOUR);
    expect(onPath).toHaveLength(1);
    expect(onPath[0]).toMatchObject({ curves: 2, width: 3 });
    expect(strokes[strokes.length - 1].colour).toBe(PATH_COLOUR);
  });

  it('labels unregistered nodes and outlines them dashed', () => {
    const { texts, dashedOutlines } = paint();
    expect(texts.map(t => t.text)).toContain('Job · not in catalog');
    expect(texts.map(t => t.text)).toContain('Pipeline');
    expect(dashedOutlines).toEqual(['#9e9e9e']);
  });

  it('shows +N handles for neighbours that are not on screen', () => {
    const { texts } = paint();
    // e has 4 downstream in the index and none shown; b shows all it has.
    expect(texts.map(t => t.text).filter(t => t.startsWith('+'))).toEqual([
      '+4',
    ]);
  });

  it('marks nodes where the API cut the walk off', () => {
    const { texts } = paint({}, { frontier: new Set(['e']) });
    expect(texts.map(t => t.text)).toContain('Data endpoint · cut off');
  });

  it('marks late and failed pipelines, in words and with a coloured mark, at any zoom', () => {
    const problems = new Map<string, ProblemState>([
      ['b', 'failed'],
      ['d', 'late'],
    ]);
    const { texts } = paint({}, {}, problems);
    expect(texts).toContainEqual({
      text: 'Pipeline · failed',
      colour: '#c62828',
    });
    expect(texts).toContainEqual({
      text: 'Pipeline · late',
      colour: '#8d6e00',
    });
    expect(texts.filter(t => t.text === '!')).toHaveLength(2);
    // Zoomed far out, without text, they are thick rings in the same colours.
    const far = paint({ k: 0.2 }, {}, problems);
    expect(far.texts).toHaveLength(0);
    expect(far.solidOutlines).toEqual([
      { colour: PROBLEM_STYLE.failed.colour, width: 20 },
      { colour: PROBLEM_STYLE.late.colour, width: 20 },
    ]);
  });

  it('drops text when zoomed far out, and skips what is off screen', () => {
    const far = paint({ k: 0.2 });
    expect(far.texts).toHaveLength(0);
    expect(far.drawn.nodes).toBe(5);
    const corner = paint({ k: 1, x: -5000, y: -5000, width: 300, height: 300 });
    expect(corner.drawn).toEqual({ nodes: 0, edges: 0 });
  });
});

describe('inViewNote', () => {
  it('says how much is in view, and why boxes have no names when zoomed far out', () => {
    expect(inViewNote(30, 30, 1)).toBe('');
    expect(inViewNote(7, 30, 0.8)).toBe('7 of 30 nodes in view · drag to pan');
    expect(inViewNote(30, 30, 0.2)).toBe(
      'All 30 nodes in view · zoom in to read their names',
    );
    expect(inViewNote(640, 1200, LABEL_MIN_ZOOM / 2)).toBe(
      '640 of 1,200 nodes in view · zoom in to read their names',
    );
  });
});

describe('hitTest', () => {
  it('finds the node and the +N handle under a point', () => {
    const { scene, layout } = paint();
    const e = layout.positions.e;
    expect(hitTest(scene, e.x + 10, e.y + 10)).toEqual({
      type: 'node',
      id: 'e',
    });
    expect(
      hitTest(scene, e.x + NODE_WIDTH + 10, e.y + NODE_HEIGHT / 2),
    ).toEqual({
      type: 'expand',
      id: 'e',
      direction: 'downstream',
    });
    expect(hitTest(scene, e.x - 10, e.y + NODE_HEIGHT / 2)).toBeUndefined();
    expect(hitTest(scene, -500, -500)).toBeUndefined();
  });
});

describe('edgeStrokes', () => {
  it('gives every source a distinct look', () => {
    const looks = (['declared', 'observed', 'both'] as const).map(s =>
      JSON.stringify(edgeStrokes(s, false, '#fff')),
    );
    expect(new Set(looks).size).toBe(3);
  });
});
