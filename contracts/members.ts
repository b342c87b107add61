import { z } from 'zod';
import { RoleSchema } from './common';

export const MemberSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  deactivatedAt: z.string().nullable(),
  /** Set while the account is locked after repeated failed sign-ins; an admin may unlock it. */
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberUpdateSchema = z.strictObject({ role: RoleSchema });

export const InvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string().nullable(),
  status: z.string(),
  expiresAt: z.string(),
  inviterName: z.string().nullable(),
  url: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const ApiKeyCreateSchema = z.strictObject({
  // Better Auth's API-key plugin refuses names over 32 characters.
  name: z.string().trim().min(1, 'Name is required').max(32, 'must be at most 32 characters'),
  expiresInDays: z.number().int().min(1).max(365, "must be at most 365 (Better Auth's limit)").optional(),
});

export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** First characters only, e.g. "mrd_AbC…" — the key itself is shown once, at creation. */
  masked: z.string(),
  userId: z.string(),
  userName: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export const ApiKeyCreatedSchema = ApiKeySchema.extend({ key: z.string() });
export type ApiKey = z.infer<typeof ApiKeySchema>;
