import { useState } from 'react';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import type { TablePaginationType } from '@backstage/ui';
import type { OnCallQuery } from '@dataplatform/backstage-plugin-data-platform-common';

export type OnCallScope = 'mine' | 'all';
export type OnCallShow = NonNullable<OnCallQuery['filter']>;
export type OnCallSort = NonNullable<OnCallQuery['sort']>;

/** The URL's choices, each with what it is when the URL does not say. */
const CHOICES = {
  teams: { values: ['mine', 'all'], fallback: 'mine' },
  show: { values: ['problems', 'all'], fallback: 'problems' },
  sort: { values: ['severity', 'age', 'name'], fallback: 'severity' },
} as const;

type Choice = keyof typeof CHOICES;

const PAGE_SIZES = [25, 50, 100];

/**
 * What the on-call page shows: whose pipelines (`teams`), which ones
 * (`show`) and in what order (`sort`), kept in the URL so a view can be
 * shared (`?teams=all&show=all&sort=age`); and which page of the list, kept
 * here, back to the first whenever a choice changes.
 */
export function useOnCallView() {
  const [params, setParams] = useAppSearchParams();
  const read = (choice: Choice): string => {
    const { values, fallback } = CHOICES[choice];
    const value = params.get(choice) ?? '';
    return (values as readonly string[]).includes(value) ? value : fallback;
  };
  const [offset, setOffset] = useState(0);
  const [pageSize, setPageSize] = useState(50);

  const choose = (choice: Choice, value: string) => {
    setOffset(0);
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        if (value === CHOICES[choice].fallback) next.delete(choice);
        else next.set(choice, value);
        return next;
      },
      { replace: true },
    );
  };

  /** The table's paging over `total` pipelines. */
  const pagination = (total: number): TablePaginationType => ({
    type: 'page',
    pageSize,
    pageSizeOptions: PAGE_SIZES,
    offset,
    totalCount: total,
    hasNextPage: offset + pageSize < total,
    hasPreviousPage: offset > 0,
    onNextPage: () => setOffset(offset + pageSize),
    onPreviousPage: () => setOffset(Math.max(0, offset - pageSize)),
    onPageSizeChange: size => {
      setOffset(0);
      setPageSize(size);
    },
  });

  return {
    scope: read('teams') as OnCallScope,
    show: read('show') as OnCallShow,
    sort: read('sort') as OnCallSort,
    offset,
    pageSize,
    choose,
    pagination,
  };
}

export type OnCallView = ReturnType<typeof useOnCallView>;
