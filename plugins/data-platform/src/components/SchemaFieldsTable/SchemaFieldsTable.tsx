import { ReactNode, useMemo, useState } from 'react';
import {
  Badge,
  Button,
  ButtonIcon,
  Cell,
  ColumnConfig,
  Flex,
  Table,
  Text,
} from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  RiArrowDownSLine,
  RiArrowRightSLine,
  RiContractUpDownLine,
  RiExpandUpDownLine,
  RiStackLine,
} from '@remixicon/react';
import {
  ColumnPii,
  SchemaField,
  fieldMode,
  fieldPii,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { DerivedPiiMarks } from '../../pii/DerivedPiiMarks';
import { PiiBadge } from './PiiBadge';
import { useFieldScrolledIntoView } from './useFieldScrolledIntoView';
import { FieldRow, recordPaths, visibleFieldRows } from './visibleFieldRows';

const INDENT_PER_LEVEL = 20;
/** Width of the expand button, so leaf fields line up with record names. */
const TOGGLE_WIDTH = 28;

const useStyles = makeStyles({
  name: {
    fontFamily: 'var(--bui-font-monospace)',
    fontSize: '0.875rem',
    whiteSpace: 'nowrap',
  },
  togglePlaceholder: {
    display: 'inline-block',
    width: TOGGLE_WIDTH,
    flexShrink: 0,
  },
  type: {
    fontFamily: 'var(--bui-font-monospace)',
    fontSize: '0.8125rem',
  },
  repeated: {
    backgroundColor: 'var(--bui-bg-neutral-2)',
  },
  description: {
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
  },
  highlighted: {
    backgroundColor: 'var(--bui-bg-neutral-2)',
    outline: '2px solid var(--bui-fg-warning)',
    borderRadius: 4,
    padding: '0 4px',
    fontWeight: 700,
  },
});

/** Props of {@link SchemaFieldsTable}. */
export interface SchemaFieldsTableProps {
  fields: SchemaField[];
  /**
   * Whether nested RECORD fields start expanded. Defaults to expanding
   * everything for small schemas (up to 30 fields) and nothing for larger ones.
   */
  initiallyExpanded?: boolean;
  /** Shown left of the expand/collapse buttons, e.g. a summary of the schema. */
  toolbar?: ReactNode;
  /**
   * Personal data reaching the columns along lineage, by dotted path: shown
   * beside the declared marks, derived and "may contain" set apart from them.
   */
  columnPii?: ReadonlyMap<string, ColumnPii>;
  /**
   * The dotted path of a field to point out (a search result opened here):
   * its parents start expanded, it is marked and scrolled into view.
   */
  highlightPath?: string;
}

/** The records above a dotted path: `a.b.c` -> `a`, `a.b`. */
function parentPaths(path: string | undefined): string[] {
  const parts = path?.split('.') ?? [];
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Whether personal data reaches a column nested under this record. */
function derivedBelow(
  columnPii: ReadonlyMap<string, ColumnPii> | undefined,
  record: string,
): boolean {
  for (const [column, pii] of columnPii ?? []) {
    if (column.startsWith(`${record}.`) && pii.derived.length > 0) return true;
  }
  return false;
}

function FieldNameCell(props: {
  row: FieldRow;
  expanded: boolean;
  highlighted: boolean;
  onToggle: (id: string) => void;
}) {
  const { row, expanded, highlighted, onToggle } = props;
  const classes = useStyles();
  const repeated = fieldMode(row.field) === 'REPEATED';
  return (
    <Cell>
      <Flex
        align="center"
        gap="1"
        style={{ paddingLeft: row.depth * INDENT_PER_LEVEL }}
        data-depth={row.depth}
      >
        {row.hasChildren ? (
          <ButtonIcon
            size="small"
            variant="tertiary"
            aria-label={`${expanded ? 'Collapse' : 'Expand'} ${row.id}`}
            aria-expanded={expanded}
            icon={expanded ? <RiArrowDownSLine /> : <RiArrowRightSLine />}
            onPress={() => onToggle(row.id)}
          />
        ) : (
          <span className={classes.togglePlaceholder} />
        )}
        <span
          className={`${classes.name} ${
            highlighted ? classes.highlighted : ''
          }`}
          title={row.id}
          data-field-path={row.id}
          aria-current={highlighted ? 'location' : undefined}
        >
          {row.field.name}
          {repeated ? '[]' : ''}
        </span>
      </Flex>
    </Cell>
  );
}

/**
 * The fields of an event or dataset schema: name, type, mode, PII
 * classification and description. RECORD fields expand into their nested
 * fields, indented under their parent; REPEATED fields are marked with `[]`
 * and a badge.
 */
export function SchemaFieldsTable(props: SchemaFieldsTableProps) {
  const { fields, columnPii } = props;
  const classes = useStyles();
  const allRecords = useMemo(() => recordPaths(fields), [fields]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => {
    const expandAll =
      props.initiallyExpanded ??
      visibleFieldRows(fields, new Set(allRecords)).length <= 30;
    return new Set([
      ...(expandAll ? allRecords : []),
      ...parentPaths(props.highlightPath),
    ]);
  });
  const container = useFieldScrolledIntoView(props.highlightPath);

  const toggle = (id: string) =>
    setExpanded(previous => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const rows = useMemo(
    () => visibleFieldRows(fields, expanded),
    [fields, expanded],
  );

  const columns: ColumnConfig<FieldRow>[] = [
    {
      id: 'name',
      label: 'Field',
      isRowHeader: true,
      defaultWidth: '1fr',
      minWidth: 200,
      cell: row => (
        <FieldNameCell
          row={row}
          expanded={expanded.has(row.id)}
          highlighted={row.id === props.highlightPath}
          onToggle={toggle}
        />
      ),
    },
    {
      id: 'type',
      label: 'Type',
      defaultWidth: 94,
      cell: row => (
        <Cell>
          <span className={classes.type}>{row.field.type}</span>
        </Cell>
      ),
    },
    {
      id: 'mode',
      label: 'Mode',
      // wide enough for the REPEATED badge with its icon
      defaultWidth: 124,
      cell: row => {
        const mode = fieldMode(row.field);
        return (
          <Cell>
            {mode === 'REPEATED' ? (
              <Badge
                size="small"
                icon={<RiStackLine size={14} aria-hidden />}
                className={classes.repeated}
              >
                REPEATED
              </Badge>
            ) : (
              <Text variant="body-small" color="secondary">
                {mode}
              </Text>
            )}
          </Cell>
        );
      },
    },
    {
      id: 'pii',
      label: 'PII',
      // Room for "pseudonymize, derived" on one line, set from the start:
      // the table reads widths once and derived marks arrive after the
      // schema. The rest still fits an endpoint page's card at 1440 px.
      defaultWidth: 188,
      cell: row => (
        <Cell>
          <Flex direction="column" gap="1" align="start">
            <PiiBadge pii={fieldPii(row.field)} />
            <DerivedPiiMarks
              declared={row.field.pii}
              column={columnPii?.get(row.id)}
            />
            {row.hasChildren &&
              !expanded.has(row.id) &&
              derivedBelow(columnPii, row.id) && (
                <Text variant="body-x-small" color="secondary">
                  derived PII in nested fields
                </Text>
              )}
          </Flex>
        </Cell>
      ),
    },
    {
      id: 'description',
      label: 'Description',
      defaultWidth: '1.6fr',
      minWidth: 140,
      cell: row => (
        <Cell>
          <Text
            as="p"
            variant="body-small"
            color="secondary"
            className={classes.description}
          >
            {row.field.description ?? ''}
          </Text>
        </Cell>
      ),
    },
  ];

  return (
    <div ref={container}>
      <Flex direction="column" gap="2">
        {(props.toolbar || allRecords.length > 0) && (
          <Flex gap="2" justify="between" align="center">
            <div>{props.toolbar}</div>
            {allRecords.length > 0 && (
              <Flex gap="1">
                <Button
                  size="small"
                  variant="tertiary"
                  iconStart={<RiExpandUpDownLine />}
                  onPress={() => setExpanded(new Set(allRecords))}
                >
                  Expand all
                </Button>
                <Button
                  size="small"
                  variant="tertiary"
                  iconStart={<RiContractUpDownLine />}
                  onPress={() => setExpanded(new Set())}
                >
                  Collapse all
                </Button>
              </Flex>
            )}
          </Flex>
        )}
        <Table
          columnConfig={columns}
          data={rows}
          pagination={{ type: 'none' }}
          virtualized={rows.length > 200 ? { rowHeight: 44 } : undefined}
        />
      </Flex>
    </div>
  );
}
