/**
 * Synthetic records of one office, each a pure function of (seed, office, index): nothing is
 * stored, so an office of 200,000 patients costs no more memory than one of 20.
 *
 * Records are built in the v2 shape the API serves: every scalar a string, links nested as
 * `{ "href": … }` objects, field names from Sikka's v4 examples, dates as '2020-09-29T00:00:00'.
 */
import { DEFAULT_PMS, OPERATORY_NAME, proceduresOf, roleOf, type Procedure, type ProviderRole } from './catalog';
import { Households } from './households';
import type { OfficeClock } from './officeTime';
import { asciiFold, CULTURES, EMAIL_DOMAINS, formatPhone, MIDDLE_INITIALS, NICKNAMES, PET_NAMES, PET_SPECIES, REGIONS, STREETS, UNITS, type Culture, type Region } from './pools';
import { hashString, mixKey, Rng } from './random';
import { dayNumber, formatClock, formatDayTime, placeAppointment, SLOT_STARTS } from './schedule';
import type { SandboxDomain, SandboxOfficeSpec } from './types';

/** A record as the sandbox holds it: string fields and nested link or expanded objects. */
export type Link = { href: string };
export interface Rec {
  [field: string]: string | Link | Rec;
}

const SALT = {
  household: 0x01,
  contact: 0x0a,
  member: 0x02,
  patient: 0x03,
  appointment: 0x04,
  transaction: 0x05,
  provider: 0x06,
  practice: 0x07,
  extraGuarantor: 0x08,
  status: 0x09,
} as const;

const money = (amount: number): string => amount.toFixed(4);

interface Person {
  readonly firstname: string;
  readonly middlename: string;
  readonly lastname: string;
  readonly preferredName: string;
  readonly salutation: string;
  readonly gender: 'Male' | 'Female';
  readonly birthDay: number;
  readonly cell: string;
  readonly workphone: string;
  readonly email: string;
}

/** A household's names: cheap, because every appointment and transaction needs them. */
export interface Household {
  readonly index: number;
  readonly culture: Culture;
  readonly lastname: string;
  readonly headFirstname: string;
  readonly headMiddlename: string;
  readonly headGender: 'Male' | 'Female';
}

/** Where a household lives and how to reach its head: only patient and guarantor records need it. */
interface HouseholdContact {
  readonly index: number;
  readonly addressLine1: string;
  readonly addressLine2: string;
  readonly city: string;
  readonly state: string;
  readonly zipcode: string;
  readonly homephone: string;
  readonly head: Person;
}

/** Who a patient (or pet) is: the household they belong to and their place in it. */
export interface Identity {
  readonly household: Household;
  readonly rank: number;
  readonly firstname: string;
  readonly middlename: string;
  readonly lastname: string;
  readonly gender: string;
}

export interface OfficeShape {
  readonly patients: number;
  readonly guarantors: number;
  readonly appointments: number;
  readonly transactions: number;
  readonly providers: number;
  readonly operatories: number;
}

export class OfficeGenerator {
  readonly spec: SandboxOfficeSpec;
  readonly domain: SandboxDomain;
  readonly isVeterinary: boolean;
  readonly practiceId: string;
  readonly shape: OfficeShape;
  readonly region: Region;
  readonly practiceBase: string;
  /** Office-local day number of "today" when the sandbox started, and the minutes into it. */
  readonly today: number;
  readonly nowMinutes: number;
  private readonly officeSeed: number;
  private readonly households: Households;
  private readonly providerRecords: readonly Rec[];
  private readonly primaryProviders: readonly string[];
  private readonly practiceRecord: Rec;
  private readonly procedures: readonly Procedure[];
  private cachedHousehold: Household | undefined;
  private cachedContact: HouseholdContact | undefined;

  constructor(spec: SandboxOfficeSpec, seed: number, baseUrl: string, clock: OfficeClock, startMs: number) {
    this.spec = spec;
    this.domain = spec.domain;
    this.isVeterinary = spec.domain === 'Veterinary';
    this.practiceId = spec.practiceId ?? '1';
    this.officeSeed = mixKey(seed, hashString(spec.officeId));
    const patients = Math.max(0, Math.floor(spec.patients));
    const guarantors = Math.max(0, Math.floor(spec.guarantors ?? Math.ceil(patients / 2)));
    const appointments = patients === 0 ? 0 : Math.round(patients * (spec.appointmentsPerPatient ?? 3));
    this.shape = {
      patients,
      guarantors,
      appointments,
      transactions: patients * 2,
      providers: Math.max(1, Math.floor(spec.providers ?? 6)),
      operatories: Math.max(1, Math.floor(spec.operatories ?? 5)),
    };
    this.households = new Households(patients, guarantors, this.officeSeed);
    this.region = regionFor(spec.timeZone ?? 'Eastern Standard Time', this.officeSeed);
    this.practiceBase = `${baseUrl}/v2/practices/${encodeURIComponent(this.practiceId)}`;
    const local = clock.parts(startMs);
    this.today = dayNumber(local.year, local.month, local.day);
    this.nowMinutes = local.hour * 60 + local.minute;
    this.procedures = proceduresOf(this.domain);
    this.practiceRecord = this.buildPractice();
    this.providerRecords = Array.from({ length: this.shape.providers }, (_, n) => this.buildProvider(n));
    this.primaryProviders = this.providerRecords
      .filter((_, n) => roleOf(this.domain, n).primary)
      .map((record) => record['provider_id'] as string);
  }

  // ---- ids -------------------------------------------------------------------------------

  /** Dental guarantors are patients, so they share the patient id space; pets number after their owners. */
  patientId(i: number): string {
    return String(this.isVeterinary ? 1001 + this.shape.guarantors + i : 1001 + i);
  }

  patientIndex(id: string): number | undefined {
    const n = canonicalNumber(id);
    if (n === undefined) return undefined;
    const i = this.isVeterinary ? n - 1001 - this.shape.guarantors : n - 1001;
    return i >= 0 && i < this.shape.patients ? i : undefined;
  }

  guarantorId(k: number): string {
    if (this.isVeterinary) return String(1001 + k);
    if (k < this.households.withMembers) return this.patientId(this.households.membersOf(k).first);
    return String(1001 + this.shape.patients + (k - this.households.withMembers));
  }

  guarantorIndex(id: string): number | undefined {
    const n = canonicalNumber(id);
    if (n === undefined) return undefined;
    const { patients, guarantors } = this.shape;
    if (this.isVeterinary) return n - 1001 >= 0 && n - 1001 < guarantors ? n - 1001 : undefined;
    const i = n - 1001;
    if (i >= 0 && i < patients) {
      const membership = this.households.membershipOf(i);
      return membership.rank === 0 ? membership.guarantor : undefined;
    }
    const extra = i - patients;
    return extra >= 0 && extra < guarantors - this.households.withMembers ? this.households.withMembers + extra : undefined;
  }

  /** The first id free for records the PMS adds later (patients and guarantors share it). */
  firstFreePersonId(): number {
    return 1001 + this.shape.patients + this.shape.guarantors;
  }

  appointmentId(i: number): string {
    return String(50001 + i);
  }

  appointmentIndex(id: string): number | undefined {
    const n = canonicalNumber(id);
    return n !== undefined && n - 50001 >= 0 && n - 50001 < this.shape.appointments ? n - 50001 : undefined;
  }

  transactionId(i: number): string {
    return String(30001 + i);
  }

  transactionIndex(id: string): number | undefined {
    const n = canonicalNumber(id);
    return n !== undefined && n - 30001 >= 0 && n - 30001 < this.shape.transactions ? n - 30001 : undefined;
  }

  // ---- small records -----------------------------------------------------------------------

  practice(): Rec {
    return this.practiceRecord;
  }

  providers(): readonly Rec[] {
    return this.providerRecords;
  }

  providerIdAt(n: number): string {
    return this.providerRecords[n]?.['provider_id'] as string;
  }

  href(resource: string, id: string): string {
    return `${this.practiceBase}/${resource}/${encodeURIComponent(id)}`;
  }

  private link(resource: string, id: string): Link {
    return { href: id === '' ? '' : this.href(resource, id) };
  }

  private buildPractice(): Rec {
    const rng = new Rng(mixKey(this.officeSeed, SALT.practice));
    const [city, zip] = this.region.cities[0] ?? ['Springfield', '62701'];
    const area = this.region.areaCodes[0] ?? '217';
    const base = this.practiceBase;
    return {
      href: base,
      practice_id: this.practiceId,
      name: this.spec.practiceName,
      address_line1: `${rng.between(100, 9800)} ${rng.pick(STREETS)}`,
      address_line2: rng.chance(0.5) ? `Suite ${rng.between(1, 4)}${rng.between(0, 2)}${rng.between(0, 9)}` : '',
      city,
      state: this.region.state,
      zipcode: zip,
      phone: `${area}555${String(rng.between(100, 199)).padStart(4, '0')}`,
      country: 'US',
      email: `frontdesk@${slug(this.spec.practiceName)}.example.com`,
      website: `https://www.${slug(this.spec.practiceName)}.example.com`,
      description: '',
      cust_id: '1',
      providers: { href: `${base}/providers/` },
      patients: { href: `${base}/patients/` },
      guarantors: { href: `${base}/guarantors/` },
      appointments: { href: `${base}/appointments/` },
      transactions: { href: `${base}/transactions/` },
    };
  }

  private buildProvider(n: number): Rec {
    const role = roleOf(this.domain, n);
    const sameRoleBefore = Array.from({ length: n }, (_, m) => roleOf(this.domain, m)).filter((r) => r.prefix === role.prefix).length;
    return this.providerRecord(`${role.prefix}${sameRoleBefore + 1}`, role, new Rng(mixKey(this.officeSeed, SALT.provider, n)));
  }

  /** A provider record; also used for providers the PMS adds later. */
  providerRecord(id: string, role: ProviderRole, rng: Rng): Rec {
    const culture = rng.weighted(CULTURES);
    const gender = rng.chance(0.5) ? 'Male' : 'Female';
    const firstname = rng.pick(gender === 'Male' ? culture.male : culture.female);
    const lastname = rng.pick(culture.last);
    const [city, zip] = rng.pick(this.region.cities);
    const area = rng.pick(this.region.areaCodes);
    const hired = this.today - rng.between(90, 7000);
    const base = this.practiceBase;
    const ascii = asciiFold(firstname);
    return {
      href: this.href('providers', id),
      provider_id: id,
      firstname,
      lastname,
      address_line1: `${rng.between(10, 9999)} ${rng.pick(STREETS)}`,
      address_line2: '',
      city,
      state: this.region.state,
      zipcode: zip,
      country: 'US',
      phone: formatPhone(rng, area, '555', String(rng.between(0, 9999)).padStart(4, '0'), false),
      email: ascii === undefined ? '' : `${ascii}.${id.toLowerCase()}@${slug(this.spec.practiceName)}.example.com`,
      provider_type: role.providerType,
      specialty: role.specialty,
      specialty_code: role.specialtyCode,
      status: 'Active',
      practice_id: this.practiceId,
      practice: { href: base },
      patients: { href: `${base}/patients?provider_id=${encodeURIComponent(id)}` },
      appointments: { href: `${base}/appointments?provider_id=${encodeURIComponent(id)}` },
      national_provider_identifier: role.primary ? String(1_000_000_000 + rng.int(999_999_999)) : '',
      initials: `${firstname.charAt(0)}${lastname.charAt(0)}`,
      hire_date: formatDayTime(hired),
      is_hidden: 'False',
    };
  }

  // ---- households ----------------------------------------------------------------------------

  phone(rng: Rng, allowExtension = false): string {
    const area = rng.chance(0.85) ? rng.pick(this.region.areaCodes) : rng.pick(rng.pick(REGIONS).areaCodes);
    return formatPhone(rng, area, '555', String(rng.between(100, 9999)).padStart(4, '0'), allowExtension);
  }

  email(rng: Rng, firstname: string, lastname: string): string {
    if (rng.chance(0.18)) return '';
    const first = asciiFold(firstname);
    const last = asciiFold(lastname);
    const local = first !== undefined && last !== undefined
      ? rng.pick([`${first}.${last}`, `${first}${last}`, `${first.charAt(0)}${last}`, `${first}_${last}${rng.between(1, 99)}`])
      : `member${rng.between(1000, 99999)}`;
    const address = `${local}@${rng.pick(EMAIL_DOMAINS)}`;
    return rng.chance(0.04) ? address.toUpperCase() : address;
  }

  private person(rng: Rng, name: Pick<Identity, 'firstname' | 'middlename' | 'lastname'>, gender: 'Male' | 'Female', birthDay: number, adult: boolean): Person {
    const { firstname, middlename, lastname } = name;
    const nickname = NICKNAMES[firstname];
    const preferredName = nickname !== undefined && rng.chance(0.35) ? nickname : '';
    const salutation = adult && rng.chance(0.3) ? (gender === 'Male' ? 'Mr.' : rng.pick(['Mrs.', 'Ms.', 'Ms.'])) : adult && rng.chance(0.02) ? 'Dr.' : '';
    return {
      firstname,
      middlename,
      lastname,
      preferredName,
      salutation,
      gender,
      birthDay,
      cell: adult ? (rng.chance(0.92) ? this.phone(rng) : '') : '',
      workphone: adult && rng.chance(0.25) ? this.phone(rng, true) : '',
      email: adult ? this.email(rng, firstname, lastname) : '',
    };
  }

  /** Household k: culture, surname and its head's (the guarantor's) name. */
  household(k: number): Household {
    if (this.cachedHousehold?.index === k) return this.cachedHousehold;
    const rng = new Rng(mixKey(this.officeSeed, SALT.household, k));
    const culture = rng.weighted(CULTURES);
    const lastname = rng.pick(culture.last);
    const headGender = rng.chance(0.55) ? 'Female' : 'Male';
    const headFirstname = rng.pick(headGender === 'Male' ? culture.male : culture.female);
    const headMiddlename = culture.latin && rng.chance(0.3) ? rng.pick(MIDDLE_INITIALS) : '';
    const household: Household = { index: k, culture, lastname, headFirstname, headMiddlename, headGender };
    this.cachedHousehold = household;
    return household;
  }

  /** Household k's address, home phone and its head's details. */
  private contact(household: Household): HouseholdContact {
    const k = household.index;
    if (this.cachedContact?.index === k) return this.cachedContact;
    const rng = new Rng(mixKey(this.officeSeed, SALT.contact, k));
    const local = rng.chance(0.97);
    const region = local ? this.region : rng.pick(REGIONS);
    const [city, zipcode] = rng.chance(0.6) ? (region.cities[0] ?? ['', '']) : rng.pick(region.cities);
    const addressLine1 = `${rng.between(1, 9999)} ${rng.pick(STREETS)}`;
    const addressLine2 = rng.chance(0.15) ? rng.pick(UNITS) : '';
    const homephone = rng.chance(0.55) ? this.phone(rng) : '';
    const headBirth = this.today - rng.between(23, 82) * 365 - rng.int(365);
    const name = { firstname: household.headFirstname, middlename: household.headMiddlename, lastname: household.lastname };
    const head = this.person(rng, name, household.headGender, headBirth, true);
    const contact: HouseholdContact = { index: k, addressLine1, addressLine2, city, state: region.state, zipcode, homephone, head };
    this.cachedContact = contact;
    return contact;
  }

  /** Base patient i's household and name, without the rest of the record (appointments need only this). */
  identityOf(i: number): Identity {
    const membership = this.households.membershipOf(i);
    return this.memberIdentity(this.household(membership.guarantor), membership.rank, mixKey(this.officeSeed, SALT.member, i));
  }

  /** A member of household k; `memberSeed` makes members the PMS adds later differ from base ones. */
  memberIdentity(household: Household, rank: number, memberSeed: number): Identity {
    if (this.isVeterinary) {
      const rng = new Rng(memberSeed);
      const petname = rng.pick(PET_NAMES);
      const gender = rng.pick(['Male', 'Female', 'Neutered Male', 'Spayed Female', 'Neutered Male', 'Spayed Female']);
      return { household, rank, firstname: petname, middlename: '', lastname: household.lastname, gender };
    }
    if (rank === 0) {
      return { household, rank, firstname: household.headFirstname, middlename: household.headMiddlename, lastname: household.lastname, gender: household.headGender };
    }
    const rng = new Rng(memberSeed);
    const gender = rng.chance(0.5) ? 'Male' : 'Female';
    const ownName = rank === 1 && rng.chance(0.3);
    const lastname = ownName ? rng.pick(household.culture.last) : household.lastname;
    const firstname = rng.pick(gender === 'Male' ? household.culture.male : household.culture.female);
    const middlename = household.culture.latin && rng.chance(0.3) ? rng.pick(MIDDLE_INITIALS) : '';
    return { household, rank, firstname, middlename, lastname, gender };
  }

  newHouseholdMember(k: number, memberSeed: number): Identity {
    return this.memberIdentity(this.household(k), 2, memberSeed);
  }

  /** Patient status, also a dental guarantor's (they are the same person). */
  private patientStatus(detailSeed: number): string {
    const roll = new Rng(mixKey(detailSeed, SALT.status)).float();
    if (this.isVeterinary) return roll < 0.88 ? 'Active' : roll < 0.96 ? 'Inactive' : 'Deceased';
    return roll < 0.85 ? 'Active' : roll < 0.98 ? 'Inactive' : 'Archived';
  }

  // ---- patients --------------------------------------------------------------------------------

  patient(i: number): Rec {
    const identity = this.identityOf(i);
    return this.patientRecord(this.patientId(i), identity, this.guarantorId(identity.household.index), mixKey(this.officeSeed, SALT.patient, i));
  }

  /** A patient (or pet) record for an identity; also used for patients the PMS adds later. */
  patientRecord(id: string, identity: Identity, guarantorId: string, detailSeed: number): Rec {
    const rng = new Rng(detailSeed);
    const { rank } = identity;
    const household = this.contact(identity.household);
    const head = household.head;
    const status = this.patientStatus(detailSeed);
    const created = this.today - rng.between(1, 3650);
    const visited = rng.chance(0.95);
    const firstVisit = visited ? created + rng.int(Math.max(1, this.today - created)) : 0;
    const lastVisit = visited ? firstVisit + rng.int(Math.max(1, this.today - firstVisit + 1)) : 0;
    const provider = this.primaryProviders.length > 0 ? rng.pick(this.primaryProviders) : '';
    const base = this.practiceBase;
    const insured = !this.isVeterinary && rng.chance(0.6);

    if (this.isVeterinary) {
      const species = rng.weighted(PET_SPECIES);
      const ageDays = rng.between(60, species.lifeYears * 365);
      const birthDay = this.today - ageDays;
      const pounds = species.pounds[0] + rng.float() * (species.pounds[1] - species.pounds[0]);
      const metric = rng.chance(0.1);
      const years = Math.floor(ageDays / 365.25);
      const months = Math.floor((ageDays - years * 365.25) / 30.44);
      const deceased = status === 'Deceased';
      return {
        href: this.href('patients', id),
        patient_id: id,
        guarantor_id: guarantorId,
        firstname: identity.firstname,
        middlename: '',
        lastname: identity.lastname,
        preferred_name: '',
        salutation: '',
        birthdate: formatDayTime(birthDay),
        status,
        gender: identity.gender,
        address_line1: household.addressLine1,
        address_line2: household.addressLine2,
        city: household.city,
        state: household.state,
        zipcode: household.zipcode,
        homephone: household.homephone,
        workphone: head.workphone,
        cell: head.cell,
        email: head.email,
        first_visit: visited ? formatDayTime(firstVisit) : '',
        last_visit: visited ? formatDayTime(lastVisit) : '',
        provider_id: provider,
        provider: this.link('providers', provider),
        practice_id: this.practiceId,
        practice: { href: base },
        appointments: { href: `${base}/appointments?patient_id=${id}` },
        guarantor: this.link('guarantors', guarantorId),
        guarantor_first_name: head.firstname,
        guarantor_last_name: head.lastname,
        created_date: formatDayTime(created),
        preferred_communication_method: rng.pick(['', '', 'Text', 'Email', 'Phone']),
        petname: identity.firstname,
        breed: rng.pick(species.breeds),
        species: species.species,
        color: rng.pick(species.colors),
        weight: metric ? (pounds * 0.4536).toFixed(1) : pounds.toFixed(1),
        weight_type: metric ? 'kg' : 'pounds',
        age: `${years}Yrs. ${months}Mos.`,
        microchip: rng.chance(0.6) ? String(985_000_000_000_000 + rng.int(1_000_000_000) * 1000 + rng.int(1000)) : '',
        rabies: species.species === 'Canine' || species.species === 'Feline' ? (rng.chance(0.7) ? `R-${rng.between(10000, 99999)}` : '') : '',
        pet_class: 'Family Pet',
        mixed: rng.chance(0.3) ? 'Y' : 'N',
        client_class: rng.pick(['', '', 'Preferred', 'Breeder']),
        deceased_date: deceased ? formatDayTime(this.today - rng.between(1, 900)) : '',
        ui_patient_id: `${id}-${rank + 1}`,
      };
    }

    // A spouse is near the head's age; children are young enough to be the head's.
    const headAge = Math.floor((this.today - head.birthDay) / 365.25);
    const adult = rank === 0 || headAge < 36 || (rank === 1 ? rng.chance(0.85) : rng.chance(0.15));
    const ageYears = rank === 0 ? headAge : adult ? Math.max(18, headAge + rng.between(-8, 8)) : rng.between(1, Math.min(19, headAge - 17));
    const birthDay = rank === 0 ? head.birthDay : this.today - ageYears * 365 - rng.int(365);
    const person = rank === 0 ? head : this.person(rng, identity, identity.gender === 'Male' ? 'Male' : 'Female', birthDay, adult);
    // Children and many spouses are reached on the household's phone; some children have their own cell.
    const cell = rank === 0 ? head.cell : adult ? (rng.chance(0.4) ? head.cell : person.cell) : rng.chance(0.5) ? head.cell : rng.chance(0.3) ? this.phone(rng) : '';
    return {
      href: this.href('patients', id),
      patient_id: id,
      guarantor_id: guarantorId,
      firstname: identity.firstname,
      middlename: identity.middlename,
      lastname: identity.lastname,
      preferred_name: person.preferredName,
      salutation: person.salutation,
      birthdate: formatDayTime(birthDay),
      status,
      gender: identity.gender,
      address_line1: household.addressLine1,
      address_line2: household.addressLine2,
      city: household.city,
      state: household.state,
      zipcode: household.zipcode,
      homephone: household.homephone,
      workphone: person.workphone,
      cell,
      email: adult || rank === 0 ? person.email : rng.chance(0.5) ? head.email : '',
      first_visit: visited ? formatDayTime(firstVisit) : '',
      last_visit: visited ? formatDayTime(lastVisit) : '',
      provider_id: provider,
      provider: this.link('providers', provider),
      practice_id: this.practiceId,
      practice: { href: base },
      appointments: { href: `${base}/appointments?patient_id=${id}` },
      guarantor: this.link('guarantors', guarantorId),
      primary_insurance_company_id: insured ? String(rng.between(1, 40)) : '',
      primary_relationship: insured ? (rank === 0 ? 'Self' : rank === 1 ? 'Spouse' : 'Child') : '',
      subscriber_id: insured ? `${String.fromCharCode(65 + rng.int(26))}${rng.between(10_000_000, 99_999_999)}` : '',
      other_referral: '',
      patient_referral: '',
      fee_no: '0',
      guarantor_first_name: head.firstname,
      guarantor_last_name: head.lastname,
      created_date: formatDayTime(created),
      preferred_contact: rng.pick(['', '', 'Cell', 'Home', 'Email']),
      preferred_communication_method: rng.pick(['', '', 'Text', 'Email', 'Phone']),
    };
  }

  // ---- guarantors ------------------------------------------------------------------------------

  guarantor(k: number): Rec {
    const members = this.households.membersOf(k);
    const household = this.household(k);
    const firstMember = members.size > 0 ? this.identityOf(members.first) : undefined;
    const firstMemberId = members.size > 0 ? this.patientId(members.first) : '';
    const status = members.size === 0 ? 'Non-Patient' : this.isVeterinary ? 'Active' : this.patientStatus(mixKey(this.officeSeed, SALT.patient, members.first));
    return this.guarantorRecord(this.guarantorId(k), household, firstMemberId, firstMember, status);
  }

  /** A guarantor record; also used for guarantors the PMS adds later. */
  guarantorRecord(id: string, names: Household, firstMemberId: string, firstMember: Identity | undefined, status: string): Rec {
    const household = this.contact(names);
    const head = household.head;
    return {
      href: this.href('guarantors', id),
      patient_id: firstMemberId,
      patient: this.link('patients', firstMemberId),
      guarantor_id: id,
      firstname: head.firstname,
      middlename: head.middlename,
      lastname: head.lastname,
      preferred_name: head.preferredName,
      salutation: head.salutation,
      birthdate: formatDayTime(head.birthDay),
      status,
      gender: head.gender,
      address_line1: household.addressLine1,
      address_line2: household.addressLine2,
      city: household.city,
      state: household.state,
      zipcode: household.zipcode,
      workphone: head.workphone,
      cell: head.cell,
      email: head.email,
      employer_id: '0',
      practice_id: this.practiceId,
      practice: { href: this.practiceBase },
      guarantor_s_patient_id: this.isVeterinary ? '' : firstMemberId,
      patient_firstname: firstMember?.firstname ?? '',
      patient_lastname: firstMember?.lastname ?? '',
      patient_middlename: firstMember?.middlename ?? '',
      patient_status: firstMember === undefined ? 'NonPat' : status,
      phone: household.homephone,
    };
  }

  // ---- appointments ----------------------------------------------------------------------------

  appointment(i: number): Rec {
    const { patients, providers, operatories } = this.shape;
    const rng = new Rng(mixKey(this.officeSeed, SALT.appointment, i));
    const place = placeAppointment(i, this.today, providers);
    const patientIndex = rng.int(patients);
    const identity = this.identityOf(patientIndex);
    const role = roleOf(this.domain, place.provider);
    const visit = rng.pick(role.visits);
    const late = visit.minutes === 30 && rng.chance(0.5);
    const start = (SLOT_STARTS[place.slot] ?? 480) + (late ? 30 : 0);
    const end = start + visit.minutes;
    let status: string;
    if (place.offset < 0 || (place.offset === 0 && end <= this.nowMinutes)) {
      status = rng.weighted([['Completed', 88], ['Broken', 7], ['Cancelled', 5]]);
    } else if (place.offset === 0 && start <= this.nowMinutes) {
      status = 'Arrived';
    } else {
      status = rng.chance(place.offset <= 2 ? 0.65 : 0.25) ? 'Confirmed' : 'Scheduled';
    }
    const made = place.day - rng.between(1, 120);
    const changed = Math.min(this.today, place.day, made + rng.int(Math.max(1, place.day - made)));
    return this.appointmentRecord({
      id: this.appointmentId(i),
      patientId: this.patientId(patientIndex),
      patientName: `${identity.firstname} ${identity.lastname}`,
      guarantorName: `${identity.household.headFirstname} ${identity.household.lastname}`,
      guarantorId: this.guarantorId(identity.household.index),
      providerId: this.providerIdAt(place.provider),
      day: place.day,
      start,
      minutes: visit.minutes,
      visitType: visit.type,
      description: visit.description.replace('#', `#${rng.between(2, 31)}`),
      procedures: visit.procedures,
      status,
      operatory: `${OPERATORY_NAME[this.domain]}${(place.provider % operatories) + 1}`,
      madeDay: made,
      changedDay: changed,
      hygienist: role.primary ? '' : this.providerIdAt(place.provider),
    });
  }

  appointmentRecord(a: AppointmentFacts): Rec {
    const [p1, p2, p3] = a.procedures;
    const billed = a.status === 'Completed' ? a.procedures.reduce((sum, proc) => sum + proc.amount, 0) : 0;
    return {
      href: this.href('appointments', a.id),
      appointment_sr_no: a.id,
      patient_id: a.patientId,
      patient: this.link('patients', a.patientId),
      guarantor_id: a.guarantorId,
      guarantor: this.link('guarantors', a.guarantorId),
      provider_id: a.providerId,
      provider: this.link('providers', a.providerId),
      practice_id: this.practiceId,
      practice: { href: this.practiceBase },
      date: formatDayTime(a.day),
      time: formatClock(a.start),
      length: String(a.minutes),
      description: a.description,
      status: a.status,
      operatory: a.operatory,
      type: a.visitType,
      amount: money(billed),
      note: '',
      hygienist: a.hygienist,
      procedure_code1: p1?.code ?? '',
      procedure_code1_amount: money(p1?.amount ?? 0),
      procedure_code2: p2?.code ?? '',
      procedure_code2_amount: money(p2?.amount ?? 0),
      procedure_code3: p3?.code ?? '',
      procedure_code3_amount: money(p3?.amount ?? 0),
      patient_name: a.patientName,
      guarantor_name: a.guarantorName,
      appointment_made_date: formatDayTime(a.madeDay),
      last_changed_date: formatDayTime(a.changedDay),
      confirmed_on_date: a.status === 'Confirmed' ? formatDayTime(Math.min(this.today, a.day - 1)) : '',
      cancelled: a.status === 'Cancelled' ? 'True' : 'False',
    };
  }

  // ---- transactions ----------------------------------------------------------------------------

  transaction(i: number): Rec {
    const rng = new Rng(mixKey(this.officeSeed, SALT.transaction, i));
    const patientIndex = rng.int(this.shape.patients);
    const identity = this.identityOf(patientIndex);
    const patientId = this.patientId(patientIndex);
    const guarantorId = this.guarantorId(identity.household.index);
    const providerId = this.primaryProviders.length > 0 ? rng.pick(this.primaryProviders) : '';
    const day = this.today - rng.between(0, 1500);
    const kind = rng.weighted([['Procedure', 70], ['Payment', 20], ['Insurance Payment', 6], ['Adjustment', 4]] as const);
    const procedure = rng.pick(this.procedures);
    const amount = kind === 'Procedure' ? procedure.amount : kind === 'Adjustment' ? -rng.between(5, 80) : -rng.between(10, 600);
    const id = this.transactionId(i);
    return {
      href: this.href('transactions', id),
      transaction_sr_no: id,
      patient_id: patientId,
      patient: this.link('patients', patientId),
      guarantor_id: guarantorId,
      guarantor: this.link('guarantors', guarantorId),
      provider_id: providerId,
      provider: this.link('providers', providerId),
      practice_id: this.practiceId,
      practice: { href: this.practiceBase },
      transaction_type: kind,
      transaction_date: formatDayTime(day),
      procedure_code: kind === 'Procedure' ? procedure.code : '',
      procedure_description: kind === 'Procedure' ? procedure.description : kind === 'Payment' ? rng.pick(['Patient Payment - Visa', 'Patient Payment - Cash', 'Patient Payment - Check', 'Patient Payment - CareCredit']) : kind,
      amount: money(amount),
      transaction_entry_date: formatDayTime(day + (rng.chance(0.8) ? 0 : rng.between(1, 5))),
      payment_type: kind === 'Payment' ? 'Patient' : kind === 'Insurance Payment' ? 'Insurance' : '',
      tooth_from: this.domain === 'Dental' && kind === 'Procedure' && rng.chance(0.5) ? String(rng.between(1, 32)) : '',
      quantity: '1',
      note: '',
      appointment_sr_no: '',
    };
  }

  /** PMS name and version shown in authorized_practices. */
  pms(): { name: string; version: string } {
    return this.spec.pms ?? DEFAULT_PMS[this.domain];
  }
}

export interface AppointmentFacts {
  readonly id: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly guarantorName: string;
  readonly guarantorId: string;
  readonly providerId: string;
  readonly day: number;
  readonly start: number;
  readonly minutes: number;
  readonly visitType: string;
  readonly description: string;
  readonly procedures: readonly Procedure[];
  readonly status: string;
  readonly operatory: string;
  readonly madeDay: number;
  readonly changedDay: number;
  readonly hygienist: string;
}

/** A region in the office's time zone, so patients' cities and area codes fit its clock. */
function regionFor(windowsZone: string, seed: number): Region {
  const inZone = REGIONS.filter((region) => region.zones.includes(windowsZone));
  const candidates = inZone.length > 0 ? inZone : REGIONS;
  const region = candidates[seed % candidates.length];
  if (region === undefined) throw new RangeError('No regions');
  return region;
}

function canonicalNumber(id: string): number | undefined {
  if (!/^[1-9]\d{0,14}$/.test(id)) return undefined;
  return Number(id);
}

function slug(name: string): string {
  return asciiFold(name.replace(/&/g, 'and').replace(/\s+/g, '')) ?? 'practice';
}
