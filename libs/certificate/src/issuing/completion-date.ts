/** One formatter per zone: building an Intl.DateTimeFormat loads ICU zone data, formatting with it does not. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar day of an instant in the issuer's time zone, as YYYY-MM-DD. A member who finishes at
 * 9 pm in Toronto (02:00 UTC the next day) gets the Toronto date, which is what they would expect.
 */
export function completionDate(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
