const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A `YYYY-MM-DD` day as a short axis label ("Oct 5"); fixed, so server and browser agree. */
export function shortDay(day: string): string {
  const month = MONTHS[Number(day.slice(5, 7)) - 1];
  return month ? `${month} ${Number(day.slice(8, 10))}` : day;
}
