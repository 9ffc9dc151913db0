import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ApiHolder } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  createAsyncValidators,
  createFieldValidation,
} from '@backstage/plugin-scaffolder-react/alpha';
import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';
import { EventTypeNameField } from './EventTypeNameField';
import { EventTypePickerField } from './EventTypePickerField';
import { PiiReviewField } from './PiiReviewField';
import {
  PiiReviewValue,
  PII_REVIEW_STALE,
  PII_REVIEW_UNTICKED,
  validatePiiReview,
} from './piiReview';
import {
  nameTakenMessage,
  validateEventTypeName,
  validateEventTypeSchema,
} from './validation';

const trackPlayed = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'EventType',
  metadata: {
    name: 'track-played',
    namespace: 'default',
    title: 'Track Played',
  },
  spec: {},
};
const catalogApi = catalogApiMock({ entities: [trackPlayed] });
const apiHolder = {
  get: (ref: unknown) => (ref === catalogApiRef ? catalogApi : undefined),
} as ApiHolder;
const render = (element: JSX.Element) =>
  renderInTestApp(element, { apis: [[catalogApiRef, catalogApi]] });

const fields: SchemaField[] = [
  { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
  { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
  {
    name: 'context',
    type: 'RECORD',
    fields: [{ name: 'email', type: 'STRING', pii: 'drop' }],
  },
];

/** A field in a form that hands it back what it reports, as the scaffolder does. */
function Field<T>(props: {
  component: (p: any) => JSX.Element;
  initial?: T;
  rawErrors?: string[];
  formData?: Record<string, unknown>;
  options?: Record<string, unknown>;
  title: string;
  onValue?(value: T | undefined): void;
}) {
  const [value, setValue] = useState(props.initial);
  const Component = props.component;
  return (
    <Component
      name="field"
      idSchema={{ $id: 'root_field' }}
      schema={{ title: props.title, description: 'What it is' }}
      uiSchema={{ 'ui:options': props.options ?? {} }}
      formData={value}
      rawErrors={props.rawErrors}
      formContext={{ formData: props.formData ?? {} }}
      onChange={(next: T | undefined) => {
        setValue(next);
        props.onValue?.(next);
      }}
    />
  );
}

describe('EventTypeNameField', () => {
  it('says on the Name field that a name is taken, and stops once it is changed', async () => {
    await render(<Field component={EventTypeNameField} title="Name" />);
    const input = screen.getByRole('textbox', { name: 'Name' });
    await userEvent.type(input, 'track-played');
    expect(
      await screen.findByText(nameTakenMessage('track-played')),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(input, '-v2');
    await waitFor(() =>
      expect(screen.queryByText(/exists already/)).not.toBeInTheDocument(),
    );
    expect(screen.getByText('What it is')).toBeInTheDocument();
  });

  it("shows the step's errors until the name changes", async () => {
    await render(
      <Field
        component={EventTypeNameField}
        title="Name"
        initial="Playlist"
        rawErrors={['must be lowercase words joined by dashes']}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'must be lowercase words joined by dashes',
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 's');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('PiiReviewField', () => {
  const title = 'I have checked the PII classification of every field';

  it('starts unticked, lists every field by classification, and records what was confirmed', async () => {
    const values: (PiiReviewValue | undefined)[] = [];
    await render(
      <Field
        component={PiiReviewField}
        title={title}
        formData={{ schema: { fields } }}
        options={{ schemaField: 'schema' }}
        onValue={v => values.push(v as PiiReviewValue | undefined)}
      />,
    );
    const box = screen.getByRole('checkbox', { name: title });
    expect(box).not.toBeChecked();
    expect(values[0]).toEqual({ confirmed: false });
    const summary = screen.getByRole('region', { name: 'PII classifications' });
    expect(summary).toHaveTextContent('PII classification of the 4 fields');
    expect(summary).toHaveTextContent(
      'drop (1): removed before the event landscontext.email',
    );
    expect(summary).toHaveTextContent(
      'pseudonymize (1): replaced by a keyed hashuser_id',
    );
    expect(summary).toHaveTextContent('event_id, context');
    await userEvent.click(box);
    expect(box).toBeChecked();
    expect(values[values.length - 1]).toEqual({
      confirmed: true,
      drop: 'context.email',
      pseudonymize: 'user_id',
      none: 'event_id, context',
    });
  });

  it('unticks itself when the classifications changed after it was ticked', async () => {
    await render(
      <Field
        component={PiiReviewField}
        title={title}
        initial={{ confirmed: true, none: 'event_id' }}
        formData={{ schema: { fields } }}
      />,
    );
    expect(screen.getByRole('checkbox', { name: title })).not.toBeChecked();
    expect(screen.getByText(PII_REVIEW_STALE)).toBeInTheDocument();
  });
});

describe('EventTypePickerField', () => {
  it('finds an event type by its name as well as its title', async () => {
    const values: (string | undefined)[] = [];
    await render(
      <Field
        component={EventTypePickerField}
        title="Event type"
        onValue={v => values.push(v as string | undefined)}
      />,
    );
    const input = screen.getByRole('textbox', { name: 'Event type' });
    await userEvent.type(input, 'track-played');
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'Track Played (track-played)',
      }),
    );
    expect(values).toEqual(['eventtype:default/track-played']);
  });
});

describe('the scaffolder validation of the event type fields', () => {
  // As in the register template: the name on the first step, the schema on the second.
  const aboutStep = {
    type: 'object',
    properties: { name: { type: 'string', 'ui:field': 'EventTypeName' } },
  };
  const validators = {
    EventTypeName: validateEventTypeName,
    EventTypeSchemaEditor: validateEventTypeSchema,
    PiiReview: validatePiiReview,
  } as Record<string, any>;

  it('puts a taken name on the Name field, and passes a free one', async () => {
    const validate = createAsyncValidators(aboutStep, validators, {
      apiHolder,
    });
    const taken = (await validate({ name: 'track-played' })) as any;
    expect(taken.name.__errors).toEqual([nameTakenMessage('track-played')]);
    const free = (await validate({ name: 'playlist-followed' })) as any;
    expect(free.name.__errors).toEqual([]);
  });

  it('names a duplicate field by its path', async () => {
    const validation = createFieldValidation();
    await validateEventTypeSchema(
      {
        fields: [
          { name: 'event_id', type: 'STRING' },
          {
            name: 'context',
            type: 'RECORD',
            fields: [
              { name: 'email', type: 'STRING' },
              { name: 'Email', type: 'STRING' },
            ],
          },
        ],
      },
      validation,
      { apiHolder, formData: {}, uiSchema: {} } as any,
    );
    expect(validation.__errors).toEqual([
      '1 problem in the schema: context.Email: duplicates the name of context.email; names are case-insensitive',
    ]);
  });

  it('goes past the PII review only with the box ticked for the schema as it is', async () => {
    const check = async (value: PiiReviewValue | undefined) => {
      const validation = createFieldValidation();
      await validatePiiReview(value, validation, {
        apiHolder,
        formData: { schema: { fields } },
        uiSchema: { 'ui:options': { schemaField: 'schema' } },
      } as any);
      return validation.__errors;
    };
    expect(await check({ confirmed: false })).toEqual([PII_REVIEW_UNTICKED]);
    expect(await check({ confirmed: true, none: 'event_id' })).toEqual([
      PII_REVIEW_STALE,
    ]);
    expect(
      await check({
        confirmed: true,
        drop: 'context.email',
        pseudonymize: 'user_id',
        none: 'event_id, context',
      }),
    ).toEqual([]);
  });
});
