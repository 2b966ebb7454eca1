/** "units[1].items[0]: message" → path and message, so problems can be shown by where they are. */
export function splitProblem(message: string): { path: string | null; message: string } {
  const match = message.match(/^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$]*)*)\s*:\s*(.+)$/s);
  return match ? { path: match[1], message: match[2] } : { path: null, message };
}
