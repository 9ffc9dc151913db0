import { Badge } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import { RiEyeOffLine, RiLockLine, RiDeleteBinLine } from '@remixicon/react';
import type { PiiClassification } from '@dataplatform/backstage-plugin-data-platform-common';

const useStyles = makeStyles({
  pseudonymize: {
    backgroundColor: 'var(--bui-warning-bg-subdued)',
    color: 'var(--bui-warning-fg-subdued)',
    borderColor: 'var(--bui-warning-border)',
  },
  encrypt: {
    backgroundColor: 'var(--bui-announcement-bg-subdued)',
    color: 'var(--bui-announcement-fg-subdued)',
    borderColor: 'var(--bui-announcement-border)',
  },
  drop: {
    backgroundColor: 'var(--bui-negative-bg-subdued)',
    color: 'var(--bui-negative-fg-subdued)',
    borderColor: 'var(--bui-negative-border)',
  },
});

const EXPLANATIONS: Record<Exclude<PiiClassification, 'none'>, string> = {
  pseudonymize:
    'Personal data: replaced by a stable token on delivery into tables',
  encrypt:
    'Personal data: to be encrypted with a per-user key; not applied yet, the value lands unchanged',
  drop: 'Personal data: removed on delivery into tables, never stored there',
};

const ICONS = {
  pseudonymize: <RiEyeOffLine size={14} aria-hidden />,
  encrypt: <RiLockLine size={14} aria-hidden />,
  drop: <RiDeleteBinLine size={14} aria-hidden />,
};

/**
 * A field's PII classification as a coloured badge; nothing for `none`, so
 * the fields that need care stand out in a long schema.
 */
export function PiiBadge(props: { pii: PiiClassification }) {
  const classes = useStyles();
  if (props.pii === 'none' || !(props.pii in EXPLANATIONS)) {
    return null;
  }
  const pii = props.pii as Exclude<PiiClassification, 'none'>;
  return (
    <Badge
      size="small"
      icon={ICONS[pii]}
      className={classes[pii]}
      title={EXPLANATIONS[pii]}
      data-pii={pii}
    >
      {pii}
    </Badge>
  );
}
