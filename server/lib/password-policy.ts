// Refuses passwords that are too short or too easy to guess (OWASP ASVS 5.0 V6.2: at least the
// common-password lists; no composition rules). zxcvbn-ts scores a password 0–4 against its
// dictionaries (common passwords, names, English words, keyboard patterns) plus the user's own
// name and email; below 3 is refused with its own explanation. Dictionaries ship in the packages:
// no network.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_TOO_SHORT } from '../../contracts/passwords';

const MIN_SCORE = 3;

let zxcvbn: ZxcvbnFactory | undefined;
function estimator() {
  // Built on first use: loading the dictionaries takes a moment that start-up need not pay.
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return zxcvbn;
}

export interface PasswordProblem {
  code: 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' | 'PASSWORD_TOO_COMMON';
  message: string;
}

/** Words of the person's name and email that must not make up their password. */
function personalWords(inputs: (string | null | undefined)[]) {
  return inputs.flatMap((s) => (s ? [s, ...s.toLowerCase().split(/[^\p{L}\p{N}]+/u)] : [])).filter((w) => w.length >= 3);
}

export async function passwordProblem(password: unknown, userInputs: (string | null | undefined)[] = []): Promise<PasswordProblem | null> {
  if (typeof password !== 'string') return null; // Better Auth's own validation answers that
  if (password.length < PASSWORD_MIN_LENGTH) return { code: 'PASSWORD_TOO_SHORT', message: PASSWORD_TOO_SHORT };
  if (password.length > PASSWORD_MAX_LENGTH) return { code: 'PASSWORD_TOO_LONG', message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  const result = await estimator().checkAsync(password, personalWords(userInputs));
  if (result.score >= MIN_SCORE) return null;
  const personal = result.sequence.some((m) => 'dictionaryName' in m && m.dictionaryName === 'userInputs');
  const why = personal ? 'It is made of your name or email address.' : (result.feedback.warning ?? 'It would be found quickly by guessing.');
  const fix = result.feedback.suggestions[0] ?? 'Add another word or two.';
  return { code: 'PASSWORD_TOO_COMMON', message: `This password is too easy to guess. ${why} ${fix}` };
}
