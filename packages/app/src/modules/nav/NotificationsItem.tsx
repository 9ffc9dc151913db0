import { SidebarItem } from '@backstage/core-components';
import type { NotificationsRenderItemProps } from '@backstage/plugin-notifications';
import { makeStyles } from '@material-ui/core/styles';
import NotificationsIcon from '@material-ui/icons/Notifications';

const useStyles = makeStyles(
  theme => ({
    count: {
      padding: theme.spacing(0, 1),
      borderRadius: 10,
      background: theme.palette.primary.main,
      color: theme.palette.primary.contrastText,
      fontSize: theme.typography.caption.fontSize,
      fontWeight: 700,
    },
  }),
  { name: 'AppNotificationsItem' },
);

/**
 * The sidebar's Notifications item with its unread count, named with the
 * count too: the stock item is named "Notifications" while it shows a
 * number beside it (axe: label-content-name-mismatch).
 */
export function NotificationsItem(props: NotificationsRenderItemProps) {
  const classes = useStyles();
  const { unreadCount, to, onClick } = props;
  const shown = unreadCount > 99 ? '99+' : String(unreadCount);
  return (
    <SidebarItem
      icon={NotificationsIcon}
      to={to}
      onClick={onClick}
      text="Notifications"
      hasNotifications={unreadCount > 0}
      aria-label={
        unreadCount > 0 ? `Notifications ${shown} unread` : 'Notifications'
      }
    >
      {/* The space keeps the count a word of its own in the visible text
          ("Notifications 2"), which the name must contain. */}
      {unreadCount > 0 && <span className={classes.count}> {shown}</span>}
    </SidebarItem>
  );
}
