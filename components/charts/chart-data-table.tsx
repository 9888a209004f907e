/**
 * The data behind a chart as a table only screen readers see: what a sighted user reads off the
 * plot, day by day, with the exact values (money as its decimal string). `.sr-only` sits on a
 * wrapping div: on a `<table>` itself it does not collapse the box (a table grows to its rows), so
 * a 2-year range once made the page ten times taller than what it shows.
 */
export function ChartDataTable({
  caption,
  rowHeader = 'Day',
  columns,
  rows,
}: {
  caption: string;
  /** What a row is: "Day", "Week", "Month". */
  rowHeader?: string;
  columns: readonly string[];
  rows: readonly { key: string; header: string; cells: readonly string[] }[];
}) {
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, i) => (
                <td key={columns[i]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
