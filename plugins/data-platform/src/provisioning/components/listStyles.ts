/** A list without bullets or indent, its items stacked `gap` apart. */
export const plainList = (gap: string) =>
  ({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap,
  } as const);
