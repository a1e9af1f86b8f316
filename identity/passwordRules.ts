/**
 * What a password must be: long enough and mixed enough that guessing it online (behind the login
 * back-off) or offline (against scrypt) is hopeless. Pure; messages in Chinese for the person
 * choosing one. The figures come from configuration (config/env.ts), not from here.
 */
export interface PasswordPolicy {
  minLength: number;
  /** Of: lower-case letters, upper-case letters, digits, other characters. */
  minCharacterClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 12, minCharacterClasses: 3 };
const MAX_LENGTH = 128;

/** What is wrong with a proposed password; empty when it is acceptable. */
export function passwordProblems(
  password: string,
  context: { userId: string; previous?: string },
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY
): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push(`密码至少 ${policy.minLength} 位`);
  if (length > MAX_LENGTH) problems.push(`密码不能超过 ${MAX_LENGTH} 位`);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((pattern) => pattern.test(password)).length;
  if (classes < policy.minCharacterClasses) {
    problems.push(`密码须包含小写字母、大写字母、数字、符号中的至少 ${policy.minCharacterClasses} 类`);
  }
  if (context.userId.length >= 3 && password.toLowerCase().includes(context.userId.toLowerCase())) {
    problems.push('密码不能包含用户名');
  }
  if (context.previous !== undefined && password === context.previous) problems.push('新密码不能与当前密码相同');
  if (/^(.)\1+$/u.test(password)) problems.push('密码不能由同一字符重复组成');
  return problems;
}

/** A random initial password that satisfies any policy up to 4 classes, for seeding and resets. */
export function generateInitialPassword(random: (size: number) => Buffer, length = 16): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.!@#%+'];
  const all = sets.join('');
  const bytes = random(length);
  const chars = [...bytes].map((b, i) => {
    // The first four characters take one of each class, so the result always passes.
    const set = i < sets.length ? (sets[i] as string) : all;
    return set[b % set.length] as string;
  });
  return chars.join('');
}
