import { memo, useRef, useState } from 'react';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  isNodeMoveKey,
  NODE_MOVES_HINT,
  nodeAfterMove,
  readingOrder,
} from './keyboardMoves';
import type { Scene } from './scene';
import {
  KIND_STYLE,
  NODE_HEIGHT,
  NODE_WIDTH,
} from '../../../src/lineage/graph/visuals';

const useStyles = makeStyles((theme: Theme) => ({
  // Visually hidden: the canvas shows the same nodes.
  list: {
    position: 'absolute',
    left: 8,
    top: 8,
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    margin: 0,
    padding: 0,
    listStyle: 'none',
    // While hidden, the items skip layout: 1,000 labels would otherwise cost
    // more than drawing the graph. They stay in the accessibility tree. Once
    // shown, they are laid out for real, so that scrolling the focused one
    // into view lands on it rather than on an estimate of where it is.
    '&:not(:focus-within) li': {
      contentVisibility: 'auto',
      containIntrinsicSize: '1px 28px',
    },
    '& button': { margin: 2, font: 'inherit', cursor: 'pointer' },
    // A sighted keyboard user sees where the focus is: the list shows while
    // one of its buttons has focus, above the middle of the canvas, where the
    // focused node is centred.
    '&:focus-within': {
      width: 'auto',
      height: 'auto',
      maxWidth: 'min(480px, calc(100% - 72px))',
      maxHeight: '40%',
      overflowY: 'auto',
      clip: 'auto',
      padding: theme.spacing(0.5),
      zIndex: 1,
      background: theme.palette.background.paper,
      boxShadow: theme.shadows[4],
      borderRadius: theme.shape.borderRadius,
      fontSize: theme.typography.body2.fontSize,
    },
  },
}));

export type LineageNodeListProps = {
  scene: Scene;
  root: string;
  selected?: string;
  onPath?: Set<string>;
  /** A node (or one of its handles) got or lost the keyboard focus. */
  onFocusChange(id: string | undefined): void;
  onSelect(id: string): void;
  onExpand(id: string, direction: 'upstream' | 'downstream'): void;
};

let lists = 0;

/**
 * The node that Tab enters the graph on (roving tabindex): the one last
 * focused while it is shown, else the selected node, else the root.
 */
function useCurrentNode(scene: Scene, root: string, selected?: string) {
  const [current, setCurrent] = useState<string>();
  const shown = (id?: string) => (id && scene.byId.has(id) ? id : undefined);
  const entry =
    shown(current) ??
    shown(selected) ??
    shown(root) ??
    readingOrder(scene)[0]?.node.id;
  return [entry, setCurrent] as const;
}

/**
 * The nodes of the canvas as a list of buttons, for keyboard and screen
 * reader users: one per node ("Pipeline Clean plays, hourly") and one per
 * "+N" handle ("+3 upstream of Clean plays, hourly"), in reading order. The
 * graph is one stop in the Tab order: Tab lands on one node (and then on its
 * handles), the arrow keys move between nodes as they are laid out.
 */
export const LineageNodeList = memo(function LineageNodeListComponent(
  props: LineageNodeListProps,
) {
  const classes = useStyles();
  const { scene, onFocusChange, onExpand } = props;
  const list = useRef<HTMLUListElement>(null);
  const [hintId] = useState(() => `dp-lineage-moves-${++lists}`);
  const [entry, setCurrent] = useCurrentNode(scene, props.root, props.selected);
  const focus = (event: React.FocusEvent<HTMLButtonElement>, id: string) => {
    // The list has just become visible: show the focused button in it.
    event.currentTarget.scrollIntoView?.({ block: 'nearest' });
    setCurrent(id);
    onFocusChange(id);
  };
  const blur = () => onFocusChange(undefined);
  const focusNode = (id: string) =>
    Array.from(
      list.current?.querySelectorAll<HTMLButtonElement>(
        'button[data-node-id]',
      ) ?? [],
    )
      .find(button => button.dataset.nodeId === id)
      ?.focus();
  const move = (event: React.KeyboardEvent, id: string) => {
    if (!isNodeMoveKey(event.key)) return;
    event.preventDefault();
    const next = nodeAfterMove(scene, id, event.key);
    if (next) focusNode(next);
  };
  // The handle goes away once its neighbours are shown: keep the keyboard
  // focus on its node rather than losing it to the page.
  const expand = (id: string, direction: 'upstream' | 'downstream') => {
    focusNode(id);
    onExpand(id, direction);
  };
  return (
    <>
      <ul
        ref={list}
        className={classes.list}
        aria-label="Lineage graph nodes, data flows left to right"
      >
        {readingOrder(scene).map(n => {
          const { id, title, kind, registered } = n.node;
          const label = `${KIND_STYLE[kind].label} ${title}${
            registered ? '' : ' (not in catalog)'
          }${n.problem ? ` (${n.problem})` : ''}${
            id === props.root ? ' (root)' : ''
          }`;
          const tabIndex = id === entry ? 0 : -1;
          const handle = (
            direction: 'upstream' | 'downstream',
            count: number,
          ) => (
            <button
              type="button"
              tabIndex={tabIndex}
              data-expand={direction}
              data-node={id}
              onFocus={event => focus(event, id)}
              onBlur={blur}
              onKeyDown={event => move(event, id)}
              onClick={() => expand(id, direction)}
            >
              {`+${count} ${direction} of ${title}`}
            </button>
          );
          return (
            <li key={id}>
              <button
                type="button"
                tabIndex={tabIndex}
                aria-describedby={hintId}
                data-node-id={id}
                data-kind={kind}
                data-registered={String(registered)}
                data-problem={n.problem}
                data-on-path={props.onPath?.has(id) ? 'true' : undefined}
                data-box={`${n.x},${n.y},${NODE_WIDTH},${NODE_HEIGHT}`}
                aria-pressed={props.selected === id}
                onFocus={event => focus(event, id)}
                onBlur={blur}
                onKeyDown={event => move(event, id)}
                onClick={() => props.onSelect(id)}
              >
                {label}
              </button>
              {n.hiddenUpstream > 0 && handle('upstream', n.hiddenUpstream)}
              {n.hiddenDownstream > 0 &&
                handle('downstream', n.hiddenDownstream)}
            </li>
          );
        })}
      </ul>
      <span id={hintId} hidden>
        {NODE_MOVES_HINT}
      </span>
    </>
  );
});
