/**
 * The calendar day of an instant in the issuer's time zone, as YYYY-MM-DD. A member who finishes at
 * 9 pm in Toronto (02:00 UTC the next day) gets the Toronto date, which is what they would expect.
 */
export function completionDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
