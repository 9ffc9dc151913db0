import { Fragment } from 'react';

/**
 * A resource's address with line-break opportunities after each `.` and
 * `/`, so a narrow screen wraps `tunewave-raw.events.track_played` between
 * its parts rather than at a hyphen inside one. Copying it gives the address
 * unchanged.
 */
export function ResourceAddress(props: { name: string }) {
  const parts = props.name.split(/(?<=[./])/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
