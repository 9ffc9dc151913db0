import { makeStyles } from '@material-ui/core/styles';

/**
 * Where "Skip to content" lands: the page's own content when it marks it
 * (below an entity page's header and tabs, as GitHub's skip link passes a
 * repository's tabs), else the page's `main`.
 */
export const SKIP_TARGET_ATTRIBUTE = 'data-skip-target';

const useStyles = makeStyles(
  theme => ({
    link: {
      position: 'fixed',
      left: theme.spacing(1),
      top: theme.spacing(1),
      zIndex: theme.zIndex.tooltip,
      padding: theme.spacing(1, 2),
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.background.paper,
      color: theme.palette.text.primary,
      boxShadow: theme.shadows[4],
      // Off screen until it has the keyboard focus.
      transform: 'translateY(-200%)',
      '&:focus': { transform: 'none' },
    },
  }),
  { name: 'AppSkipToContent' },
);

/**
 * The first Tab stop of every page: past the sidebar's links (and a page's
 * header) to what the page is about.
 */
export function SkipToContent() {
  const classes = useStyles();
  const skip = (event: React.MouseEvent<HTMLAnchorElement>) => {
    const target =
      document.querySelector<HTMLElement>(`[${SKIP_TARGET_ATTRIBUTE}]`) ??
      document.querySelector<HTMLElement>('main');
    if (!target) return;
    event.preventDefault();
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
  };
  return (
    <a href="#main" className={classes.link} onClick={skip}>
      Skip to content
    </a>
  );
}
