/**
 * What each kind of practice books and bills: provider roles, visit kinds and their procedures.
 * Amounts are plain numbers here and become Sikka's four-decimal strings ("98.0000") on output.
 */
import type { SandboxDomain } from './types';

export interface Procedure {
  readonly code: string;
  readonly description: string;
  readonly amount: number;
}

export interface VisitKind {
  readonly type: string;
  /** `#` is replaced by a tooth number. */
  readonly description: string;
  readonly procedures: readonly Procedure[];
  readonly minutes: 30 | 60;
}

export interface ProviderRole {
  readonly prefix: string;
  readonly providerType: string;
  readonly specialty: string;
  readonly specialtyCode: string;
  /** Whether patients are assigned to this role as their provider. */
  readonly primary: boolean;
  readonly visits: readonly VisitKind[];
}

const p = (code: string, description: string, amount: number): Procedure => ({ code, description, amount });

const dental = {
  prophy: p('D1110', 'Prophylaxis - adult', 98),
  childProphy: p('D1120', 'Prophylaxis - child', 72),
  periodic: p('D0120', 'Periodic oral evaluation', 52),
  bitewings: p('D0274', 'Bitewings - four radiographic images', 68),
  fluoride: p('D1208', 'Topical application of fluoride', 32),
  perioMaint: p('D4910', 'Periodontal maintenance', 145),
  srp: p('D4341', 'Periodontal scaling and root planing - four or more teeth per quadrant', 240),
  comprehensive: p('D0150', 'Comprehensive oral evaluation', 95),
  panoramic: p('D0330', 'Panoramic radiographic image', 120),
  limited: p('D0140', 'Limited oral evaluation - problem focused', 65),
  periapical: p('D0220', 'Intraoral - periapical first radiographic image', 31),
  composite: p('D2392', 'Resin-based composite - two surfaces, posterior', 210),
  crown: p('D2740', 'Crown - porcelain/ceramic', 1150),
  buildup: p('D2950', 'Core buildup, including any pins when required', 260),
  rootCanal: p('D3330', 'Endodontic therapy, molar tooth', 1100),
  extraction: p('D7140', 'Extraction, erupted tooth or exposed root', 185),
};

const vet = {
  exam: p('EXAM', 'Wellness examination', 65),
  sickExam: p('EXAM-SICK', 'Examination - sick patient', 78),
  recheck: p('RECHECK', 'Recheck examination', 40),
  dhpp: p('VAC-DHPP', 'DHPP vaccine', 32),
  rabies: p('VAC-RAB', 'Rabies vaccine - 3 year', 28),
  fvrcp: p('VAC-FVRCP', 'FVRCP vaccine', 30),
  dental: p('DENT-PRO', 'Dental prophylaxis under anesthesia', 350),
  spay: p('SURG-SPAY', 'Ovariohysterectomy', 420),
  neuter: p('SURG-NEUT', 'Castration', 310),
  nails: p('NAIL', 'Nail trim', 18),
  seniorPanel: p('LAB-SR', 'Senior wellness blood panel', 145),
  heartworm: p('LAB-HW', 'Heartworm antigen test', 45),
};

const audiology = {
  evaluation: p('92557', 'Comprehensive audiometry threshold evaluation', 120),
  tympanometry: p('92567', 'Tympanometry', 35),
  fitting: p('V5011', 'Fitting/orientation/checking of hearing aid', 250),
  cleanCheck: p('V5014', 'Repair/modification of a hearing aid', 40),
  realEar: p('92592', 'Hearing aid check, one ear', 60),
  tinnitus: p('92625', 'Assessment of tinnitus', 110),
};

const optometry = {
  newExam: p('92004', 'Comprehensive ophthalmological exam - new patient', 180),
  exam: p('92014', 'Comprehensive ophthalmological exam - established', 140),
  followUp: p('92012', 'Intermediate ophthalmological exam', 90),
  contacts: p('92310', 'Contact lens fitting', 95),
  visualField: p('92083', 'Visual field examination', 85),
  frames: p('V2020', 'Frames, purchases', 189),
  lenses: p('V2100', 'Single vision lenses', 120),
};

const v = (type: string, description: string, minutes: 30 | 60, ...procedures: Procedure[]): VisitKind => ({ type, description, minutes, procedures });

const ROLES: Readonly<Record<SandboxDomain, readonly ProviderRole[]>> = {
  Dental: [
    {
      prefix: 'DMD', providerType: 'Dentist', specialty: 'General Dentistry', specialtyCode: '1223G0001X', primary: true,
      visits: [
        v('General', 'Seat Crown #', 30, dental.crown),
        v('General', 'Crown Prep #', 60, dental.buildup, dental.crown),
        v('General', 'Composite 2 surf #', 60, dental.composite),
        v('New Patient', 'New Patient Exam, Pano', 60, dental.comprehensive, dental.panoramic),
        v('Emergency', 'Emergency - toothache', 30, dental.limited, dental.periapical),
        v('General', 'Extraction #', 30, dental.extraction),
        v('General', 'Root Canal #', 60, dental.rootCanal),
      ],
    },
    {
      prefix: 'HYG', providerType: 'Hygienist', specialty: 'Dental Hygienist', specialtyCode: '124Q00000X', primary: false,
      visits: [
        v('Hygiene', 'Recall - Prophy, BWX, Exam', 60, dental.prophy, dental.bitewings, dental.periodic),
        v('Hygiene', 'Perio Maint', 60, dental.perioMaint, dental.periodic),
        v('Hygiene', 'Child Prophy + Fluoride', 30, dental.childProphy, dental.fluoride, dental.periodic),
        v('Hygiene', 'SRP UR/LR', 60, dental.srp, dental.srp),
      ],
    },
    {
      prefix: 'DDS', providerType: 'Dentist', specialty: 'Endodontics', specialtyCode: '1223E0200X', primary: true,
      visits: [
        v('General', 'Root Canal #', 60, dental.rootCanal),
        v('Emergency', 'Emergency - swelling', 30, dental.limited, dental.periapical),
        v('General', 'Consult - retreatment', 30, dental.limited),
      ],
    },
  ],
  Veterinary: [
    {
      prefix: 'DVM', providerType: 'Veterinarian', specialty: 'Small Animal Medicine', specialtyCode: '174M00000X', primary: true,
      visits: [
        v('Wellness', 'Annual Wellness Exam', 30, vet.exam, vet.dhpp, vet.rabies, vet.heartworm),
        v('Wellness', 'Kitten/Puppy Vaccines', 30, vet.exam, vet.fvrcp),
        v('Sick', 'Sick Visit - vomiting', 30, vet.sickExam),
        v('Recheck', 'Recheck - ear infection', 30, vet.recheck),
        v('Surgery', 'Spay', 60, vet.spay),
        v('Surgery', 'Neuter', 60, vet.neuter),
        v('Dental', 'Dental Cleaning', 60, vet.dental),
      ],
    },
    {
      prefix: 'TECH', providerType: 'Technician', specialty: 'Veterinary Technician', specialtyCode: '', primary: false,
      visits: [
        v('Technician', 'Nail Trim', 30, vet.nails),
        v('Technician', 'Vaccine Booster', 30, vet.dhpp),
        v('Technician', 'Blood Draw - Senior Panel', 30, vet.seniorPanel),
        v('Technician', 'Weight Check', 30),
      ],
    },
  ],
  Audiology: [
    {
      prefix: 'AUD', providerType: 'Audiologist', specialty: 'Audiology', specialtyCode: '231H00000X', primary: true,
      visits: [
        v('Evaluation', 'Comprehensive Hearing Evaluation', 60, audiology.evaluation, audiology.tympanometry),
        v('Fitting', 'Hearing Aid Fitting', 60, audiology.fitting, audiology.realEar),
        v('Consult', 'Tinnitus Consult', 60, audiology.tinnitus),
      ],
    },
    {
      prefix: 'HIS', providerType: 'Hearing Instrument Specialist', specialty: 'Hearing Instrument Specialist', specialtyCode: '237600000X', primary: false,
      visits: [
        v('Service', 'Hearing Aid Clean & Check', 30, audiology.cleanCheck),
        v('Service', 'Hearing Aid Repair', 30, audiology.cleanCheck),
      ],
    },
  ],
  Optometry: [
    {
      prefix: 'OD', providerType: 'Optometrist', specialty: 'Optometry', specialtyCode: '152W00000X', primary: true,
      visits: [
        v('Exam', 'Comprehensive Eye Exam', 60, optometry.exam),
        v('New Patient', 'New Patient Eye Exam', 60, optometry.newExam),
        v('Exam', 'Contact Lens Fitting', 30, optometry.contacts),
        v('Medical', 'Glaucoma Follow-up, VF', 30, optometry.followUp, optometry.visualField),
      ],
    },
    {
      prefix: 'OPT', providerType: 'Optician', specialty: 'Optician', specialtyCode: '156FX1800X', primary: false,
      visits: [
        v('Optical', 'Frame Selection', 30, optometry.frames, optometry.lenses),
        v('Optical', 'Glasses Pickup & Adjustment', 30),
      ],
    },
  ],
};

/** The role of provider number n: primary providers and assistants alternate, as in most books. */
export function roleOf(domain: SandboxDomain, n: number): ProviderRole {
  const roles = ROLES[domain];
  const order = domain === 'Dental' ? [0, 1, 2, 1, 0, 1] : [0, 1, 0, 0, 1];
  const role = roles[order[n % order.length] ?? 0];
  if (role === undefined) throw new RangeError(`No provider roles for ${domain}`);
  return role;
}

/** Every procedure a domain bills, for transactions. */
export function proceduresOf(domain: SandboxDomain): readonly Procedure[] {
  const seen = new Map<string, Procedure>();
  for (const role of ROLES[domain]) for (const visit of role.visits) for (const proc of visit.procedures) seen.set(proc.code, proc);
  return [...seen.values()];
}

export const DEFAULT_PMS: Readonly<Record<SandboxDomain, { name: string; version: string }>> = {
  Dental: { name: 'Dentrix', version: 'G7.4' },
  Veterinary: { name: 'Cornerstone', version: '9.3' },
  Audiology: { name: 'Sycle', version: '2024.2' },
  Optometry: { name: 'Compulink', version: '12.1' },
};

export const OPERATORY_NAME: Readonly<Record<SandboxDomain, string>> = {
  Dental: 'OP-',
  Veterinary: 'Exam ',
  Audiology: 'Booth ',
  Optometry: 'Lane ',
};
