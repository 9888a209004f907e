import { z } from 'zod';

/** Validates stored checkpoints before passing them back as `cursor`. */
export const locationsCursorSchema = z.object({ skip: z.number().int().nonnegative() });
export const contactsCursorSchema = z.object({
  searchAfter: z.array(z.union([z.string(), z.number()])).min(1),
});
export const opportunitiesCursorSchema = z.object({
  startAfter: z.union([z.string(), z.number()]),
  startAfterId: z.string().min(1),
});
export const offsetCursorSchema = z.object({ offset: z.number().int().nonnegative() });
