// Feedback from the people using Meridian (seed 002's /feedback page): what they say, what kind of
// thing it is, where they were, and optionally a screenshot. Admins read it and get it by email.
import { z } from 'zod';

export const FEEDBACK_CATEGORIES = ['bug', 'idea', 'question', 'praise', 'other'] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];

export const FeedbackInputSchema = z.strictObject({
  category: z.enum(FEEDBACK_CATEGORIES, { message: `must be one of: ${FEEDBACK_CATEGORIES.join(', ')}` }).default('other').describe('bug, idea, question, praise or other'),
  message: z.string().trim().min(1, 'Say what you would like us to know').max(10_000).describe('The feedback itself'),
  page: z.string().trim().max(500).regex(/^\/[^\s]*$/, 'must be a path in the app such as /deals').nullable().optional().describe('The page it is about, e.g. /deals/board'),
});
export type FeedbackInput = z.input<typeof FeedbackInputSchema>;

export const FeedbackSchema = z.object({
  id: z.string(),
  category: z.enum(FEEDBACK_CATEGORIES),
  message: z.string(),
  page: z.string().nullable(),
  hasScreenshot: z.boolean().describe('GET /feedback/{id}/screenshot returns it'),
  authorId: z.string(),
  authorName: z.string().nullable(),
  authorEmail: z.string().nullable(),
  createdAt: z.string(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/** Screenshots: images only (checked from the bytes), up to 5 MB. */
export const SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024;
