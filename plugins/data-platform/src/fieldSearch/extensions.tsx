import {
  SearchFilterBlueprint,
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { SearchFilter } from '@backstage/plugin-search-react';
import {
  PII_CLASSIFICATIONS,
  SCHEMA_FIELD_DOCUMENT_TYPE,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { RiListCheck2 } from '@remixicon/react';
import { useOwnerFilterValues } from './useOwnerFilterValues';

/** The search page's list item for schema fields. */
const schemaFieldResultListItem = SearchResultListItemBlueprint.make({
  name: 'schema-field',
  params: {
    predicate: result => result.type === SCHEMA_FIELD_DOCUMENT_TYPE,
    component: async () =>
      (await import('./SchemaFieldResultListItem'))
        .SchemaFieldResultListItem as any,
  },
});

/** "Schema fields" among the search page's result types. */
const schemaFieldResultType = SearchFilterResultTypeBlueprint.make({
  name: 'schema-fields',
  params: {
    value: SCHEMA_FIELD_DOCUMENT_TYPE,
    name: 'Schema fields',
    icon: <RiListCheck2 size={20} aria-hidden />,
  },
});

const kindFilter = SearchFilterBlueprint.make({
  name: 'schema-field-kind',
  params: {
    component: ({ className }) => (
      <SearchFilter.Select
        className={className}
        label="Schema of"
        name="kind"
        values={[
          { value: 'EventType', label: 'Event types' },
          { value: 'DataEndpoint', label: 'Data endpoints' },
        ]}
      />
    ),
  },
});

function OwnerFilter(props: { className: string }) {
  const values = useOwnerFilterValues();
  return (
    <SearchFilter.Autocomplete
      className={props.className}
      label="Owner"
      name="owner"
      values={values}
    />
  );
}

const ownerFilter = SearchFilterBlueprint.make({
  name: 'schema-field-owner',
  params: { component: OwnerFilter },
});

const piiFilter = SearchFilterBlueprint.make({
  name: 'schema-field-pii',
  params: {
    component: ({ className }) => (
      <SearchFilter.Select
        className={className}
        label="PII"
        name="pii"
        values={PII_CLASSIFICATIONS.map(value => ({
          value,
          label: value === 'none' ? 'not personal data' : value,
        }))}
      />
    ),
  },
});

/** Schema fields on Backstage's search page: result type, list item, filters. */
export const fieldSearchExtensions = [
  schemaFieldResultListItem,
  schemaFieldResultType,
  kindFilter,
  ownerFilter,
  piiFilter,
];
