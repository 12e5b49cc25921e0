/** Invented households and caller cards for the renderer's tests, consistent with fixtures.ts. */
import type { CallerCard, Household, HouseholdMember } from '../../shared/domain/households';
import type { AppointmentSummary } from '../../shared/domain/schedule';
import { formatPhoneNumber, parsePhoneNumber } from '../../shared/phone/phoneNumber';

const visit = (officeId: string, appointmentId: string, patientId: string, patientName: string, date: string, time: string): AppointmentSummary => ({
  officeId, appointmentId, date, time, startMinute: Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), lengthMinutes: 45, patientId, patientName,
  providerId: 'DDS1', providerName: 'Dr. Nora Quinn', operatory: 'OP-1', description: 'Crown seat', status: 'Confirmed', type: null,
});

const member = (patch: Partial<HouseholdMember> & Pick<HouseholdMember, 'patientId' | 'displayName'>): HouseholdMember => ({
  kind: 'person', species: null, birthdate: null, status: 'Active', lastVisit: null, nextAppointment: null, isGuarantor: false, matchedPhones: [], ...patch,
});

export const alvarez: Household = {
  officeId: 'D16001',
  role: 'guarantor',
  guarantorId: 'G1',
  guarantor: {
    guarantorId: 'G1', displayName: 'Maria Alvarez', status: 'Active', patientId: '101',
    cellPhone: '5125550143', homePhone: '(512) 555-0100', workPhone: null, email: 'maria@example.test', matchedPhones: [],
  },
  members: [
    member({ patientId: '101', displayName: 'Maria Alvarez', birthdate: '1985-03-14', lastVisit: '2024-11-02', isGuarantor: true,
      nextAppointment: visit('D16001', 'A1', '101', 'Maria Alvarez', '2025-03-18', '10:15') }),
    member({ patientId: '102', displayName: 'Mark Alvarez', birthdate: '2012-07-02', lastVisit: '2024-08-12', status: 'Inactive' }),
  ],
  membersTruncated: false,
};

export const alvarado: Household = {
  officeId: 'V20417',
  role: 'owner',
  guarantorId: 'O7',
  guarantor: {
    guarantorId: 'O7', displayName: 'Jordan Alvarado', status: 'Active', patientId: null,
    cellPhone: null, homePhone: '6175550188', workPhone: null, email: 'jordan@example.test', matchedPhones: [],
  },
  members: [
    member({ patientId: '501', displayName: 'Biscuit', kind: 'pet', species: 'Canine', lastVisit: '2025-01-15',
      nextAppointment: visit('V20417', 'V1', '501', 'Biscuit', '2025-03-06', '14:00') }),
    member({ patientId: '502', displayName: 'Pepper', kind: 'pet', species: 'Feline' }),
  ],
  membersTruncated: false,
};

export function household(officeId: string, guarantorId: string): Household | null {
  return [alvarez, alvarado].find((each) => each.officeId === officeId && each.guarantorId === guarantorId) ?? null;
}

/** The card main would answer: the Alvarez home and cell, the Alvarado home, no one else. */
export function callerCard(text: string): CallerCard {
  const phone = parsePhoneNumber(text);
  if (phone === null) return { number: null, households: [], matchedPeople: 0, truncated: false };
  const number = { ...phone, display: formatPhoneNumber(phone) };
  const home = { field: 'home', lastSevenOnly: false, extension: null } as const;
  const cell = { field: 'cell', lastSevenOnly: false, extension: null } as const;
  if (phone.key === '5125550143') {
    const [maria, mark] = alvarez.members;
    const guarantor = alvarez.guarantor === null ? null : { ...alvarez.guarantor, matchedPhones: [cell] };
    const members = [maria, mark].flatMap((each) => (each === undefined ? [] : [{ ...each, matchedPhones: [cell] }]));
    return { number, households: [{ ...alvarez, guarantor, members }], matchedPeople: 2, truncated: false };
  }
  if (phone.key === '6175550188') {
    const guarantor = alvarado.guarantor === null ? null : { ...alvarado.guarantor, matchedPhones: [home] };
    return { number, households: [{ ...alvarado, guarantor, members: alvarado.members.map((each) => ({ ...each, matchedPhones: [home] })) }], matchedPeople: 3, truncated: false };
  }
  return { number, households: [], matchedPeople: 0, truncated: false };
}
