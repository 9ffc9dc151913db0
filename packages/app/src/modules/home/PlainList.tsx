import type { ReactNode } from 'react';

/** A list without bullets, its items stacked with a small gap. */
export function PlainList(props: { label: string; children: ReactNode }) {
  return (
    <ul
      aria-label={props.label}
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        display: 'flex',
        flexDirection: 'column',
        gap: 'var(--bui-space-2)',
      }}
    >
      {props.children}
    </ul>
  );
}
