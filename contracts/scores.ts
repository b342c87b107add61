// Lead and contact scores (Issue 12.5): 0–100 from fit and engagement, each rule's points explained.
import { z } from 'zod';

export const ScoreFactorSchema = z.object({
  key: z.string(),
  kind: z.enum(['fit', 'engagement']),
  label: z.string(),
  points: z.number().int().describe('Points this rule adds (negative: takes away)'),
  explanation: z.string(),
});
export type ScoreFactor = z.infer<typeof ScoreFactorSchema>;

export const scoreInput = z.number().int().min(0).max(100).nullable();

/** The fields every scored record returns. */
export const scoreOutputFields = {
  score: z.number().nullable().describe('0–100: computed from fit and engagement, or a person\'s override'),
  scoreFactors: z.array(ScoreFactorSchema).nullable().describe('The rules behind the computed score (kept when a person overrode it)'),
  scoreOverridden: z.boolean().describe('The score was set by a person; it stays until set to null, which recomputes it'),
};
