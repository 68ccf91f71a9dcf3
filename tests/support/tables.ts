/** Table rows named by a sentence each, for `it.each(...)('%s', …)`: the names read plainly and are never truncated. */
export function titled<T>(rows: readonly T[], title: (row: T) => string): Array<[string, T]> {
  return rows.map((row) => [title(row), row]);
}
