/** PostgreSQL's code for a unique violation, for repositories that turn it into a domain conflict. */
export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { code?: string; driverError?: { code?: string } })?.code === UNIQUE_VIOLATION ||
    (error as { driverError?: { code?: string } })?.driverError?.code === UNIQUE_VIOLATION
  );
}
