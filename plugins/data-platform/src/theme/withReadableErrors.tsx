import { useStatusTextStyles } from './useStatusTextStyles';

/**
 * A form field whose error texts (MUI's helper text, label and error
 * typography) take the theme's readable error colour instead of MUI's
 * default red (3.7:1 on white): for the scaffolder fields this plugin adds.
 */
export function withReadableErrors<P extends object>(
  Field: (props: P) => JSX.Element | null,
): (props: P) => JSX.Element {
  function ReadableErrorsField(props: P) {
    const { readableErrors } = useStatusTextStyles();
    return (
      <div className={readableErrors}>
        <Field {...props} />
      </div>
    );
  }
  ReadableErrorsField.displayName = `ReadableErrors(${Field.name})`;
  return ReadableErrorsField;
}
