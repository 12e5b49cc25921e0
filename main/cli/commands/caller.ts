/**
 * `caller NUMBER --data-dir DIR [--json]`: who is calling — everyone in the copy whose cell,
 * home or work phone is NUMBER (written any common way; an extension is kept apart; seven digits
 * match the end of a number), by household, with each member's next appointment, last visit and
 * status. `--json` prints the same caller card the app shows. A NUMBER that is no phone number
 * is a usage mistake (exit 2); a number nobody has is an answer (exit 0). Audited (the households
 * matched, never the number) before anything is printed; `--profile NAME` names who asked.
 */
import { auditTarget } from '../../../shared/domain/audit';
import { callerMatchCounts, type CallerCard, type Household, type HouseholdMember, type MatchedPhone } from '../../../shared/domain/households';
import { parsePhoneNumber } from '../../../shared/phone/phoneNumber';
import { cliActor, openAuditedCopy, PROFILE_OPTION, withAccount } from '../audited';
import { EXIT_OK, requireString, UsageError, type CliCommand } from '../command';
import { openDataDir } from '../dataDir';

function phones(matched: readonly MatchedPhone[]): string {
  return matched.map((phone) => `${phone.field}${phone.extension === null ? '' : ` ext. ${phone.extension}`}${phone.lastSevenOnly ? ' (last seven digits only)' : ''}`).join(', ');
}

function describeMember(member: HouseholdMember, role: Household['role']): string {
  const next = member.nextAppointment;
  const parts = [
    member.kind === 'pet' ? ['pet', member.species].filter((part) => part !== null).join(' ') : 'patient',
    member.isGuarantor ? role : null,
    member.matchedPhones.length === 0 ? null : `this number: ${phones(member.matchedPhones)}`,
    `next ${next === null ? 'none' : [next.date, next.time].filter((part) => part !== null).join(' ')}`,
    `last visit ${member.lastVisit ?? 'none'}`,
    member.status,
  ].filter((part) => part !== null && part !== '');
  return `  ${member.displayName} [${member.patientId}] \u00b7 ${parts.join(' \u00b7 ')}`;
}

function describeHousehold(household: Household): string {
  const { guarantor } = household;
  const head = guarantor === null
    ? `No ${household.role} recorded [${household.officeId}]`
    : `${guarantor.displayName ?? `#${guarantor.guarantorId}`}, ${household.role} [${household.officeId}/${guarantor.guarantorId}]${guarantor.matchedPhones.length === 0 ? '' : ` \u00b7 this number: ${phones(guarantor.matchedPhones)}`}`;
  const more = household.membersTruncated ? ['  \u2026 and more'] : [];
  return [head, ...household.members.map((member) => describeMember(member, household.role)), ...more].join('\n');
}

function describeCard(card: CallerCard): string {
  const display = card.number?.display ?? '';
  if (card.households.length === 0) return `No one in the local copy has ${display}.\n`;
  const counts = callerMatchCounts(card);
  const people = [
    counts.people > 0 ? `${counts.people} ${counts.people === 1 ? 'person' : 'people'}` : null,
    counts.pets > 0 ? `${counts.pets} ${counts.pets === 1 ? 'pet' : 'pets'}` : null,
  ].filter((part) => part !== null).join(' and ');
  const households = `${card.households.length} ${card.households.length === 1 ? 'household' : 'households'}`;
  const truncated = card.truncated ? ' More have this number than are listed.' : '';
  return `${display}: ${people} in ${households}.${truncated}\n\n${card.households.map(describeHousehold).join('\n\n')}\n`;
}

export const callerCommand: CliCommand = {
  name: 'caller',
  usage: 'caller NUMBER --data-dir DIR [--json] [--profile NAME]',
  summary: 'Who is calling: everyone in the local copy with this phone number, by household.',
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    ...PROFILE_OPTION,
  },
  positionals: { min: 1, max: 1 },
  run(args, io) {
    const number = args.positionals[0] ?? '';
    // The number itself is not repeated: it may be anything a script was handed.
    if (parsePhoneNumber(number) === null) throw new UsageError('NUMBER must be a phone number: digits with the usual punctuation, a leading + or 1, and an extension after x, ext. or #.');
    const actor = cliActor(args, io.env);
    const copy = openAuditedCopy(openDataDir(requireString(args, 'data-dir'), io.env), io.now);
    let card: CallerCard;
    try {
      card = copy.reader.callerCard(number, { now: io.now() });
      const households = card.households.length === 0 ? 'no match' : `${card.households.length} ${card.households.length === 1 ? 'household' : 'households'}`;
      copy.audit.append({ ...actor, action: 'caller-lookup', target: auditTarget.callerMatches(card.households), detail: withAccount(actor, households) });
    } finally {
      copy.close();
    }
    io.out(args.values['json'] === true ? `${JSON.stringify(card, null, 2)}\n` : describeCard(card));
    return Promise.resolve(EXIT_OK);
  },
};
