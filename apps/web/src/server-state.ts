/** The id of the `<script type="application/json">` holding the query cache the server rendered with. */
export const SERVER_STATE_ID = 'gl-state';
