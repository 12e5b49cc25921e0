import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../main/sandbox/index';
import { DENTAL, envelopeOf, groupBy, scalars, START, useSandbox, VET } from './support';

const s = useSandbox();

const records = (office: string, resource: string) => [...s.sandbox.records(office, resource)] as Record<string, unknown>[];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

describe('records and envelopes', () => {
  it('answers collections in the v2 envelope with every scalar a string', async () => {
    const body: unknown = await (await s.data('/v2/appointments?limit=50')).json();
    expect(Array.isArray(body) && body.length === 1).toBe(true);
    const values = scalars(body);
    expect(values.length).toBeGreaterThan(1000);
    expect(values.filter(([, value]) => typeof value !== 'string')).toEqual([]);
  });

  it('nests v2 links as href objects pointing at the sandbox', async () => {
    const [patient] = (await envelopeOf(await s.data('/v2/patients?limit=1'))).items;
    expect(patient?.['practice']).toEqual({ href: `${s.sandbox.baseUrl}/v2/practices/1` });
    expect(patient?.['guarantor']).toEqual({ href: `${s.sandbox.baseUrl}/v2/practices/1/guarantors/${text(patient?.['guarantor_id'])}` });
  });

  it('names patient fields as Sikka does', () => {
    const [patient] = records(DENTAL.officeId, 'patients');
    for (const field of ['patient_id', 'guarantor_id', 'firstname', 'middlename', 'lastname', 'preferred_name', 'salutation', 'birthdate', 'status', 'address_line1', 'address_line2', 'city', 'state', 'zipcode', 'cell', 'homephone', 'workphone', 'email', 'first_visit', 'last_visit', 'provider_id', 'practice_id', 'created_date', 'guarantor_first_name', 'guarantor_last_name']) {
      expect(patient).toHaveProperty(field);
    }
  });

  it('names appointment fields as Sikka does, with times like "10:30"', () => {
    const appointments = records(DENTAL.officeId, 'appointments');
    for (const field of ['appointment_sr_no', 'patient_id', 'guarantor_id', 'provider_id', 'practice_id', 'date', 'time', 'length', 'description', 'status', 'operatory', 'type', 'amount', 'patient_name', 'guarantor_name', 'appointment_made_date', 'last_changed_date']) {
      expect(appointments[0]).toHaveProperty(field);
    }
    expect(appointments.every((a) => /^\d{2}:[03]0$/.test(text(a['time'])))).toBe(true);
    expect(appointments.every((a) => /^\d+\.\d{4}$/.test(text(a['amount'])))).toBe(true);
  });

  it('gives providers short ids like DMD2', () => {
    const ids = records(DENTAL.officeId, 'providers').map((p) => p['provider_id']);
    expect(ids).toEqual(['DMD1', 'HYG1', 'DDS1', 'HYG2', 'DMD2', 'HYG3']);
  });

  it('serves the practice with its collection links', async () => {
    const [practice] = (await envelopeOf(await s.data('/v2/practices'))).items;
    expect(practice).toMatchObject({ practice_id: '1', name: DENTAL.practiceName, patients: { href: `${s.sandbox.baseUrl}/v2/practices/1/patients/` } });
  });

  it('serves a single record by id', async () => {
    const patient = records(DENTAL.officeId, 'patients')[17];
    const response = await s.data(`/v2/patients/${text(patient?.['patient_id'])}`);
    expect(await response.json()).toEqual(patient);
  });

  it('resolves the records\u2019 own hrefs: a record under its practice, and a collection filtered by patient', async () => {
    const appointment = records(DENTAL.officeId, 'appointments')[40] ?? {};
    const byHref = await s.data(`/v2/practices/1/appointments/${text(appointment['appointment_sr_no'])}`);
    expect(await byHref.json()).toEqual(appointment);
    const patientId = text(appointment['patient_id']);
    const theirs = await envelopeOf(await s.data(`/v2/practices/1/appointments?patient_id=${patientId}`));
    expect(theirs.items).toEqual(records(DENTAL.officeId, 'appointments').filter((a) => a['patient_id'] === patientId));
    expect((await s.data('/v2/practices/2/appointments')).status).toBe(404);
  });

  it('serves transactions with amounts as four-decimal strings', async () => {
    const page = await envelopeOf(await s.data('/v2/transactions?limit=20'));
    expect(page.total_count).toBe('2000');
    expect(page.items.every((t) => /^-?\d+\.\d{4}$/.test(text(t['amount'])))).toBe(true);
  });
});

describe('households', () => {
  it('has several patients share a guarantor, who is a patient of the same household', () => {
    const patients = records(DENTAL.officeId, 'patients');
    const byGuarantor = groupBy(patients, (p) => text(p['guarantor_id']));
    const families = [...byGuarantor.values()].filter((members) => members.length >= 3);
    expect(families.length).toBeGreaterThan(20);
    const guarantorIds = new Set(records(DENTAL.officeId, 'guarantors').map((g) => g['guarantor_id']));
    expect([...byGuarantor.keys()].every((id) => guarantorIds.has(id))).toBe(true);
    expect(patients.filter((p) => p['patient_id'] === p['guarantor_id'])).toHaveLength(byGuarantor.size);
  });

  it('often shares a phone number inside a household', () => {
    const patients = records(DENTAL.officeId, 'patients');
    const shared = patients.filter((p) => p['patient_id'] !== p['guarantor_id'] && text(p['cell']) !== '' && patients.some((head) => head['patient_id'] === p['guarantor_id'] && head['cell'] === p['cell']));
    expect(shared.length).toBeGreaterThan(50);
    const homes = patients.filter((p) => p['patient_id'] !== p['guarantor_id'] && text(p['homephone']) !== '');
    expect(homes.length).toBeGreaterThan(50);
  });

  it('writes phone numbers in many real-world formats, some empty', () => {
    const phones = records(DENTAL.officeId, 'patients').flatMap((p) => [text(p['cell']), text(p['homephone']), text(p['workphone'])]);
    const shapes = new Set(phones.map((phone) => phone.replace(/\d/g, '9').replace(/x9+$/, 'x9')));
    for (const shape of ['(999) 999-9999', '999.999.9999', '+9 999 999 9999', '999-999-9999 x9', '999-999-9999', '']) expect(shapes).toContain(shape);
  });

  it('has names with accents, apostrophes and non-Latin scripts', () => {
    const names = records(DENTAL.officeId, 'patients').flatMap((p) => [text(p['firstname']), text(p['lastname'])]);
    expect(names.some((name) => /[\u00c0-\u024f\u1e00-\u1eff]/.test(name))).toBe(true);
    expect(names.some((name) => name.includes("'"))).toBe(true);
    expect(names.some((name) => /[\u0400-\u04ff]/.test(name))).toBe(true);
    expect(names.some((name) => /[\u0600-\u06ff]/.test(name))).toBe(true);
    expect(names.some((name) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
  });
});

describe('the appointment book around the clock\u2019s today', () => {
  const today = '2026-03-11T00:00:00';

  it('fills today with several appointments for every provider', () => {
    const todays = records(DENTAL.officeId, 'appointments').filter((a) => a['date'] === today);
    const perProvider = groupBy(todays, (a) => text(a['provider_id']));
    expect(perProvider.size).toBe(6);
    expect([...perProvider.values()].every((list) => list.length >= 6)).toBe(true);
  });

  it('has finished visits this morning and booked ones this afternoon', () => {
    const todays = records(DENTAL.officeId, 'appointments').filter((a) => a['date'] === today);
    const morning = todays.filter((a) => text(a['time']) < '11:00').map((a) => a['status']);
    const afternoon = todays.filter((a) => text(a['time']) >= '13:00').map((a) => a['status']);
    expect(morning).toContain('Completed');
    expect(new Set(afternoon)).toEqual(new Set(['Scheduled', 'Confirmed']));
  });

  it('has past visits and upcoming ones, on weekdays', () => {
    const dates = records(DENTAL.officeId, 'appointments').map((a) => text(a['date']));
    expect(dates.some((date) => date < today)).toBe(true);
    expect(dates.some((date) => date > today)).toBe(true);
    expect(dates.every((date) => ![0, 6].includes(new Date(`${date}Z`).getUTCDay()))).toBe(true);
    const statuses = new Set(records(DENTAL.officeId, 'appointments').map((a) => a['status']));
    for (const status of ['Scheduled', 'Confirmed', 'Completed', 'Broken']) expect(statuses).toContain(status);
  });
});

describe('a veterinary office', () => {
  it('serves pets with species, breed, weight, weight_type, color and petname', async () => {
    const page = await envelopeOf(await s.data('/v2/patients/veterinary_patients?limit=100', { office: VET }));
    expect(page.total_count).toBe('300');
    for (const pet of page.items) {
      for (const field of ['species', 'breed', 'color', 'petname']) expect(text(pet[field])).not.toBe('');
      expect(text(pet['weight'])).toMatch(/^\d+\.\d$/);
      expect(['pounds', 'kg']).toContain(pet['weight_type']);
    }
  });

  it('answers /v2/veterinary_patients the same as /v2/patients/veterinary_patients', async () => {
    const a = await envelopeOf(await s.data('/v2/veterinary_patients?limit=10', { office: VET }));
    const b = await envelopeOf(await s.data('/v2/patients/veterinary_patients/json?limit=10', { office: VET }));
    expect(a).toEqual(b);
  });

  it('makes the owners guarantors, several pets to some owners', () => {
    const pets = records(VET.officeId, 'veterinary_patients');
    const owners = new Map(records(VET.officeId, 'guarantors').map((g) => [g['guarantor_id'], g]));
    expect(pets.every((pet) => owners.has(pet['guarantor_id']))).toBe(true);
    const owner = owners.get(pets[0]?.['guarantor_id']);
    expect(pets[0]?.['guarantor_last_name']).toBe(owner?.['lastname']);
    expect(Math.max(...[...groupBy(pets, (pet) => text(pet['guarantor_id'])).values()].map((list) => list.length))).toBeGreaterThanOrEqual(3);
  });

  it('has no veterinary patients in a dental office', async () => {
    expect((await s.data('/v2/patients/veterinary_patients')).status).toBe(204);
  });
});

describe('determinism', () => {
  const normalised = (baseUrl: string, list: unknown[]) => JSON.stringify(list).replaceAll(baseUrl, 'BASE');

  it('gives the same data for the same seed and clock, and other data for another seed', async () => {
    const options = { offices: [{ ...DENTAL, patients: 200 }], now: () => START };
    const [a, b, c] = await Promise.all([startSandbox({ ...options, seed: 11 }), startSandbox({ ...options, seed: 11 }), startSandbox({ ...options, seed: 12 })]);
    try {
      for (const resource of ['patients', 'guarantors', 'appointments', 'providers', 'transactions']) {
        const first = normalised(a.baseUrl, [...a.records(DENTAL.officeId, resource)]);
        expect(normalised(b.baseUrl, [...b.records(DENTAL.officeId, resource)])).toBe(first);
        expect(normalised(c.baseUrl, [...c.records(DENTAL.officeId, resource)])).not.toBe(first);
      }
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
