import { memo } from 'react';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { SceneNode } from './scene';
import { KIND_STYLE } from './visuals';

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
  nodes: SceneNode[];
  root: string;
  selected?: string;
  onPath?: Set<string>;
  /** A node (or one of its handles) got or lost the keyboard focus. */
  onFocusChange(id: string | undefined): void;
  onSelect(id: string): void;
  onExpand(id: string, direction: 'upstream' | 'downstream'): void;
};

/**
 * The nodes of the canvas as a list of buttons, for keyboard and screen
 * reader users: one per node ("Pipeline Clean plays, hourly") and one per
 * "+N" handle ("+3 upstream of Clean plays, hourly").
 */
export const LineageNodeList = memo(function LineageNodeListComponent(
  props: LineageNodeListProps,
) {
  const classes = useStyles();
  const { onFocusChange, onExpand } = props;
  const focus = (event: React.FocusEvent<HTMLButtonElement>, id: string) => {
    // The list has just become visible: show the focused button in it.
    event.currentTarget.scrollIntoView?.({ block: 'nearest' });
    onFocusChange(id);
  };
  const blur = () => onFocusChange(undefined);
  // The handle goes away once its neighbours are shown: keep the keyboard
  // focus on its node rather than losing it to the page.
  const expand = (
    event: React.MouseEvent<HTMLButtonElement>,
    id: string,
    direction: 'upstream' | 'downstream',
  ) => {
    event.currentTarget.parentElement
      ?.querySelector<HTMLButtonElement>('button[data-node-id]')
      ?.focus();
    onExpand(id, direction);
  };
  return (
    <ul
      className={classes.list}
      aria-label="Lineage graph nodes, data flows left to right"
    >
      {props.nodes.map(n => {
        const { id, title, kind, registered } = n.node;
        const label = `${KIND_STYLE[kind].label} ${title}${
          registered ? '' : ' (not in catalog)'
        }${n.problem ? ` (${n.problem})` : ''}${
          id === props.root ? ' (root)' : ''
        }`;
        const handle = (
          direction: 'upstream' | 'downstream',
          count: number,
        ) => (
          <button
            type="button"
            data-expand={direction}
            data-node={id}
            onFocus={event => focus(event, id)}
            onBlur={blur}
            onClick={event => expand(event, id, direction)}
          >
            {`+${count} ${direction} of ${title}`}
          </button>
        );
        return (
          <li key={id}>
            <button
              type="button"
              data-node-id={id}
              data-kind={kind}
              data-registered={String(registered)}
              data-problem={n.problem}
              data-on-path={props.onPath?.has(id) ? 'true' : undefined}
              aria-pressed={props.selected === id}
              onFocus={event => focus(event, id)}
              onBlur={blur}
              onClick={() => props.onSelect(id)}
            >
              {label}
            </button>
            {n.hiddenUpstream > 0 && handle('upstream', n.hiddenUpstream)}
            {n.hiddenDownstream > 0 && handle('downstream', n.hiddenDownstream)}
          </li>
        );
      })}
    </ul>
  );
});
