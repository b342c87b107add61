// Calendar sync (Issue 11.6): a member connects their Google or Microsoft 365 calendar by OAuth;
// events flow both ways in background jobs. Tokens never leave the server.
import { z } from 'zod';

export const CALENDAR_PROVIDERS = ['google', 'microsoft'] as const;
export type CalendarProvider = (typeof CALENDAR_PROVIDERS)[number];
export const CalendarProviderSchema = z.enum(CALENDAR_PROVIDERS);

export const CalendarConnectionSchema = z.object({
  id: z.string(),
  provider: CalendarProviderSchema,
  accountEmail: z.string(),
  /** ok, or reconnect_needed when the grant was revoked or expired (sync stops until reconnected). */
  status: z.enum(['ok', 'reconnect_needed']),
  lastError: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CalendarConnection = z.infer<typeof CalendarConnectionSchema>;

export const CalendarIntegrationsSchema = z.object({
  /** Which providers this server has an OAuth client for (GOOGLE_CLIENT_ID, MICROSOFT_CLIENT_ID). */
  providers: z.array(z.object({ provider: CalendarProviderSchema, configured: z.boolean() })),
  connections: z.array(CalendarConnectionSchema),
});
export type CalendarIntegrations = z.infer<typeof CalendarIntegrationsSchema>;
