// The password rule, shared by the server (which enforces it) and the web forms (which say it).
// Length is checked in the browser too; "too easy to guess" only on the server, which has the
// common-password dictionaries (@zxcvbn-ts) and answers with a message saying why.
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters, and not a common or easily guessed password. A few unrelated words work well.`;
export const PASSWORD_TOO_SHORT = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;

export const NewPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH, PASSWORD_TOO_SHORT).max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
