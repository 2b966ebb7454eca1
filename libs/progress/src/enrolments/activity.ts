/**
 * An enrolment's last activity, as SQL: now, kept to the minute. A member's requests within one minute
 * write the same value, so PostgreSQL updates the enrolment in place (a HOT update) rather than adding an
 * entry to each of the enrolments' indexes (one of which holds last_activity_at) on every lesson and
 * attempt. Who is stalled is counted in days; the minute is all the member page shows.
 */
export const ACTIVITY_NOW = `date_trunc('minute', now())`;
