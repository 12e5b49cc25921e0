/** How the staff screen names roles and checks names before asking the main process. */
import { displayNameSchema, staffNameSchema, type StaffRole } from '../../../shared/domain/staff';

export function roleLabel(role: StaffRole): string {
  return role === 'manager' ? 'Manager' : 'Staff';
}

export const NAME_RULE = 'A short name is one word of letters, digits, dot, dash or underscore (up to 40), starting with a letter or digit, like \u201cmaria\u201d.';
export const DISPLAY_NAME_RULE = 'A display name is what the app shows, like \u201cMaria Lopez\u201d (up to 60 characters).';

/**
 * Why these names cannot be used, or null. The main process would refuse them too, but only as
 * a request it should not have been sent, so the rules are said here first.
 */
export function namesProblem(name: string, displayName: string): string | null {
  if (!staffNameSchema.safeParse(name).success) return NAME_RULE;
  return displayNameSchema.safeParse(displayName).success ? null : DISPLAY_NAME_RULE;
}
