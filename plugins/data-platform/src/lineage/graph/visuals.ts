import type {
  LineageEdgeSource,
  LineageNode,
  LineageNodeKind,
  ProblemState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { plural } from '../../format/words';

/** Size of a node box in graph coordinates. */
export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 52;
export const COLUMN_GAP = 96;
export const ROW_GAP = 14;

/** Colour and one-letter badge per kind; chosen to read on light and dark themes. */
export const KIND_STYLE: Record<
  LineageNodeKind,
  { colour: string; badge: string; label: string }
> = {
  EventType: { colour: '#8e44ad', badge: 'E', label: 'Event type' },
  Pipeline: { colour: '#d35400', badge: 'P', label: 'Pipeline' },
  DataEndpoint: { colour: '#1f78b4', badge: 'D', label: 'Data endpoint' },
  Component: { colour: '#2e7d32', badge: 'C', label: 'Component' },
  Dataset: { colour: '#757575', badge: 'D', label: 'Dataset' },
  Job: { colour: '#757575', badge: 'J', label: 'Job' },
};

/** "3 data endpoints": a count of nodes of one kind, in words. */
export const kindCount = (n: number, kind: LineageNodeKind) =>
  plural(n, KIND_STYLE[kind].label.toLocaleLowerCase('en-US'));

/** Grey, for what no catalog entity backs. */
export const UNREGISTERED_COLOUR = '#9e9e9e';

/** A node's colour: its kind's, or grey when it is not in the catalog. */
export function nodeColour(node: Pick<LineageNode, 'kind' | 'registered'>) {
  return node.registered ? KIND_STYLE[node.kind].colour : UNREGISTERED_COLOUR;
}

/** How each edge source is drawn. `both` is a double line. */
export const EDGE_STYLE: Record<
  LineageEdgeSource,
  {
    colour: string;
    dash?: string;
    double?: boolean;
    label: string;
    hint: string;
  }
> = {
  declared: {
    colour: '#5f6b7a',
    label: 'Declared',
    hint: 'in catalog YAML, not (yet) seen in OpenLineage events',
  },
  observed: {
    colour: '#0097a7',
    dash: '7 5',
    label: 'Observed',
    hint: 'seen in OpenLineage events, not declared in the catalog',
  },
  both: {
    colour: '#37474f',
    double: true,
    label: 'Declared and observed',
    hint: 'declared in the catalog and confirmed by OpenLineage events',
  },
};

/**
 * How a pipeline that pipeline health finds late, failed or writing bad
 * data is marked: a mark in `colour` with its "!" in `glyph`, and the
 * state's word under its name in `text` (darker, to read on the node's
 * background).
 */
export const PROBLEM_STYLE: Record<
  ProblemState,
  { colour: string; glyph: string; text: string; label: string }
> = {
  failed: {
    colour: '#d32f2f',
    glyph: '#ffffff',
    text: '#c62828',
    label: 'Failed',
  },
  late: { colour: '#f9a825', glyph: '#3e2723', text: '#8d6e00', label: 'Late' },
  bad_data: {
    colour: '#8e24aa',
    glyph: '#ffffff',
    text: '#6a1b9a',
    label: 'Bad data',
  },
};

/** Colour of the highlighted path between two chosen nodes. */
export const PATH_COLOUR = '#f59e0b';

/** Shortens a title to fit the node box (the full title is in a tooltip). */
export function fitTitle(title: string, max = 27): string {
  return title.length <= max ? title : `${title.slice(0, max - 1)}…`;
}
