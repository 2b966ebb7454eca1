import { z } from 'zod';
import { text } from '../../dto/text';

export const reasonSchema = z.strictObject({
  reason: text().trim().min(3, 'say why (at least 3 characters)').max(1000),
});
export type ReasonDto = z.infer<typeof reasonSchema>;

export const trackChangeSchema = z.strictObject({
  track: text().min(1).max(100),
  reason: text().trim().min(3, 'say why (at least 3 characters)').max(1000),
});
export type TrackChangeDto = z.infer<typeof trackChangeSchema>;
