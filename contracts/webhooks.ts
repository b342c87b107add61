// Webhooks (issue 13.2): an admin subscribes a URL to event types; deliveries are signed per the
// Standard Webhooks spec (webhook-id, webhook-timestamp, webhook-signature).
import { z } from 'zod';
import { httpUrl } from './common';

/** `contact.created`, `deal.stage_changed`, `*.deleted`, `contact.*` or `*`. */
export const WebhookEventPatternSchema = z
  .string()
  .trim()
  .regex(/^(\*|(\*|[a-z][a-z_]*)\.(\*|[a-z][a-z_]*))$/, 'must be an event type like contact.created, *.deleted, contact.* or *');

export const WebhookInputSchema = z.strictObject({
  url: httpUrl('must be an http(s) URL like https://hooks.example.com/meridian'),
  events: z.array(WebhookEventPatternSchema).min(1, 'choose at least one event type').max(50),
  description: z.string().trim().max(200).nullable().optional(),
  active: z.boolean().optional(),
});
export const WebhookUpdateSchema = WebhookInputSchema.partial().strict();

export const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  /** Failed attempts in a row; the webhook is switched off when it reaches the limit. */
  consecutiveFailures: z.number().int(),
  disabledReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

/** The create answer: the signing secret (`whsec_…`), shown this once. */
export const WebhookCreatedSchema = WebhookSchema.extend({ secret: z.string() });

export const WebhookDeliveryStatusSchema = z.enum(['pending', 'retrying', 'succeeded', 'failed', 'cancelled']);
export const WebhookDeliverySchema = z.object({
  /** Also the webhook-id header: the same on every attempt, so receivers can drop duplicates. */
  id: z.string(),
  webhookId: z.string(),
  eventId: z.number().int(),
  eventType: z.string(),
  status: WebhookDeliveryStatusSchema,
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
