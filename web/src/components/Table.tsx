// A dense table whose columns sort on click (numbers and text; empty values last).

import { useMemo, useState, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by; without it the column does not sort. */
  sortValue?: (row: T) => number | string | null | undefined;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right';
  title?: string;
}

export function compareValues(a: number | string | null | undefined, b: number | string | null | undefined): number {
  const aEmpty = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a));
  const bEmpty = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b));
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export function sortRows<T>(rows: T[], value: (row: T) => number | string | null | undefined, descending: boolean): T[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const a = value(x.row);
      const b = value(y.row);
      const emptyA = a === null || a === undefined;
      const emptyB = b === null || b === undefined;
      // Empty values stay last in both directions; ties keep their order.
      if (emptyA || emptyB) return emptyA === emptyB ? x.index - y.index : emptyA ? 1 : -1;
      const order = compareValues(a, b);
      return (descending ? -order : order) || x.index - y.index;
    })
    .map(({ row }) => row);
}

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  onRowClick,
  initialSort,
  empty = 'Nothing to show.',
  testId,
  rowTitle,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => string;
  onRowClick?: (row: T) => void;
  initialSort?: { key: string; descending: boolean };
  empty?: ReactNode;
  testId?: string;
  rowTitle?: string;
}) {
  const [sort, setSort] = useState(initialSort);
  const sorted = useMemo(() => {
    const column = columns.find((candidate) => candidate.key === sort?.key);
    if (!column?.sortValue || !sort) return rows;
    return sortRows(rows, column.sortValue, sort.descending);
  }, [rows, columns, sort]);
  if (rows.length === 0) return <div className="empty">{empty}</div>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              const arrow = active ? (sort!.descending ? ' ▼' : ' ▲') : '';
              return (
                <th
                  key={column.key}
                  className={`${column.align === 'right' ? 'num' : ''}${column.sortValue ? ' sortable' : ''}`}
                  title={column.title}
                  aria-sort={active ? (sort!.descending ? 'descending' : 'ascending') : undefined}
                >
                  {column.sortValue ? (
                    <button
                      type="button"
                      className="th-button"
                      onClick={() =>
                        setSort(active ? { key: column.key, descending: !sort!.descending } : { key: column.key, descending: true })
                      }
                    >
                      {column.label}
                      {arrow}
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, index) => (
            <tr
              key={rowKey(row, index)}
              className={onRowClick ? 'clickable' : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              title={onRowClick ? rowTitle : undefined}
            >
              {columns.map((column) => (
                <td key={column.key} className={column.align === 'right' ? 'num' : undefined}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
