import { makeStyles } from '@material-ui/core/styles';
import {
  ButtonIcon,
  FieldLabel,
  Flex,
  Select,
  Text,
  ToggleButton,
  ToggleButtonGroup,
} from '@backstage/ui';
import { RiRefreshLine } from '@remixicon/react';
import { durationInWords, timeOfDayLabel } from '../../format/time';
import type { OnCallSort, OnCallView } from './useOnCallView';

const SORTS: { value: OnCallSort; label: string }[] = [
  { value: 'severity', label: 'Severity, then oldest' },
  { value: 'age', label: 'Oldest problem first' },
  { value: 'name', label: 'Name' },
];

const useStyles = makeStyles(
  {
    // The stock ring is an inset shadow in the selected fill's colour:
    // invisible on the selected toggle. An outline outside it shows on both.
    toggle: {
      '&[data-focus-visible]': {
        outline: '2px solid var(--bui-ring)',
        outlineOffset: 2,
        zIndex: 1,
      },
    },
  },
  { name: 'DataPlatformOnCallFilters' },
);

/** A labelled group of toggle buttons of which exactly one is on. */
function LabelledChoice(props: {
  label: string;
  id: string;
  selected: string;
  choices: { id: string; label: string }[];
  onSelect(key: string): void;
}) {
  const classes = useStyles();
  return (
    <Flex direction="column" gap="0">
      <FieldLabel label={props.label} id={props.id} />
      <ToggleButtonGroup
        aria-labelledby={props.id}
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[props.selected]}
        onSelectionChange={keys => {
          const [key] = [...keys];
          if (key) props.onSelect(String(key));
        }}
      >
        {props.choices.map(choice => (
          <ToggleButton
            key={choice.id}
            id={choice.id}
            size="small"
            className={classes.toggle}
          >
            {choice.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Flex>
  );
}

/**
 * Above the on-call list: whose pipelines, which ones and in what order;
 * when the list was fetched, how often it is again, and a button to fetch
 * it now.
 */
export function OnCallFilters(props: {
  view: OnCallView;
  /** When the list shown was fetched (epoch ms); undefined while loading. */
  updatedAt?: number;
  refreshIntervalMs: number;
  onRefresh(): void;
}) {
  const { view, updatedAt, refreshIntervalMs } = props;
  return (
    <Flex justify="between" align="end" style={{ flexWrap: 'wrap' }} gap="3">
      <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
        <LabelledChoice
          label="Teams"
          id="oncall-teams-label"
          selected={view.scope}
          choices={[
            { id: 'mine', label: 'My teams' },
            { id: 'all', label: 'All teams' },
          ]}
          onSelect={key => view.choose('teams', key)}
        />
        <LabelledChoice
          label="Pipelines"
          id="oncall-show-label"
          selected={view.show}
          choices={[
            { id: 'problems', label: 'Late or failed now' },
            { id: 'all', label: 'All pipelines' },
          ]}
          onSelect={key => view.choose('show', key)}
        />
        <Select
          label="Sort by"
          size="small"
          options={SORTS}
          value={view.sort}
          onChange={key => key && view.choose('sort', String(key))}
          style={{ minWidth: 200 }}
        />
      </Flex>
      <Flex gap="2" align="center">
        <Text variant="body-x-small" color="secondary" aria-live="polite">
          {updatedAt
            ? `Updated ${timeOfDayLabel(new Date(updatedAt).toISOString())}`
            : 'Loading…'}
          {refreshIntervalMs > 0 &&
            ` · refreshes every ${durationInWords(refreshIntervalMs)}`}
        </Text>
        <ButtonIcon
          size="small"
          variant="secondary"
          aria-label="Refresh now"
          icon={<RiRefreshLine size={16} aria-hidden />}
          onPress={props.onRefresh}
        />
      </Flex>
    </Flex>
  );
}
