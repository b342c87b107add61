// Telling a member something (an automation's notify_user). Email through the app's SMTP sender
// today; kept to this one function so an in-app notifications table can be added behind it.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { member, user } from '../../db/schema';
import type { Mailer } from '../../lib/mailer';

/** Active members' emails by user id (send_email and notify_user reach members only). */
export async function memberEmails(db: DbOrTx, orgId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: user.id, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, orgId), inArray(member.userId, userIds), isNull(member.deactivatedAt)));
  return new Map(rows.map((r) => [r.id, r.email]));
}


/** Returns whether the member was reached (false: no sender, or not an active member). */
export async function notifyUser(db: DbOrTx, mailer: Mailer, orgId: string, userId: string, note: { subject: string; text: string }): Promise<boolean> {
  const email = (await memberEmails(db, orgId, [userId])).get(userId);
  if (!email || !mailer) return false;
  await mailer({ to: email, subject: note.subject, text: note.text });
  return true;
}
