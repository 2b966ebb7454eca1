import { z } from 'zod';
import { text } from '../../dto/text';
import { decodeMemberCursor } from '../member-cursor';

export const membersQuerySchema = z
  .strictObject({
    format: z.enum(['json', 'csv']).default('json'),
    status: z.enum(['in_progress', 'completed']).optional(),
    track: text().min(1).max(100).optional(),
    /** No activity for at least this many days (members still in progress only). */
    inactiveDays: z.coerce.number().int().min(0).max(3650).optional(),
    /** The key of the unit the member has reached (their current item is in it). */
    unit: text().min(1).max(100).optional(),
    /** Part of a member's name or email, any case. */
    query: text().trim().min(1).max(200).optional(),
    /** Left unset rather than defaulted to 1 here, so that `page` together with `after` can be refused. */
    page: z.coerce.number().int().min(1).optional(),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    /** The `nextCursor` of the previous page: the page after that position, by keyset rather than OFFSET. */
    after: text()
      .transform((cursor, ctx) => {
        const position = decodeMemberCursor(cursor);
        if (!position) {
          ctx.addIssue({
            code: 'custom',
            message: 'is not a cursor from this list: pass a nextCursor from a previous page unchanged',
          });
          return z.NEVER;
        }
        return position;
      })
      .optional(),
    lang: text().max(35).optional(),
  })
  .refine((query) => query.page === undefined || query.after === undefined, {
    message: 'page and after cannot be used together: ask for a page by number or by cursor',
    path: ['after'],
  });
export type MembersQuery = z.infer<typeof membersQuerySchema>;

export const completionsQuerySchema = z.strictObject({
  /** How many calendar months back, the current one included. */
  months: z.coerce.number().int().min(1).max(60).default(12),
});
export type CompletionsQuery = z.infer<typeof completionsQuerySchema>;
