/**
 * Records in v4's shape, from the same generated data as v2: same ids and values, links flattened
 * to `<name>_href` strings (v2's `"appointments": {"href": …}` is v4's `"appointment_href": …`),
 * every href under `/v4/`, and v4's field filtering: the default fields unless `fields=get_all`,
 * the default fields plus any named ones otherwise (v4 "API Field Filtering"). v4 documents no
 * `expand`, so the sandbox's v4 ignores it.
 */
import type { Rec } from './generator';

/**
 * The fields each resource answers with by default: the fields of the v4 collection's default
 * examples (its `?fields=get_all` examples list the rest). Fields the generator does not make are
 * simply absent.
 */
const DEFAULT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  patients: ['href', 'patient_id', 'guarantor_id', 'firstname', 'middlename', 'lastname', 'preferred_name', 'salutation', 'birthdate', 'status', 'address_line1', 'address_line2', 'city', 'state', 'zipcode', 'cell', 'email', 'first_visit', 'last_visit', 'provider_id', 'provider_href', 'practice_id', 'practice_href', 'appointment_href', 'guarantor_href', 'primary_insurance_company_id', 'primary_insurance_company_href', 'primary_relationship', 'primary_medical_insurance', 'primary_medical_insurance_id', 'primary_medical_relationship', 'primary_medical_subscriber_id', 'subscriber_id', 'other_referral', 'patient_referral', 'referred_out', 'fee_no', 'guarantor_first_name', 'guarantor_last_name', 'created_date', 'preferred_contact', 'preferred_communication_method'],
  veterinary_patients: ['href', 'patient_id', 'guarantor_id', 'firstname', 'middlename', 'lastname', 'preferred_name', 'salutation', 'birthdate', 'status', 'patient_note', 'medical_note', 'alert_note', 'other_note', 'gender', 'address_line1', 'address_line2', 'city', 'state', 'zipcode', 'homephone', 'workphone', 'cell', 'email', 'employer_id', 'employer_href', 'billing_type', 'first_visit', 'last_visit', 'provider_id', 'provider_href', 'practice_id', 'practice_href', 'appointment_href', 'guarantor_href', 'primary_insurance_company_id', 'primary_insurance_company_href', 'secondary_insurance_company_id', 'secondary_insurance_company_href', 'primary_relationship', 'secondary_relationship', 'subscriber_id', 'other_referral', 'patient_referral', 'referred_out', 'referred_by_provider_id', 'referred_by_patient_id', 'fee_no', 'guarantor_first_name', 'guarantor_last_name', 'created_date', 'family_veterinarian', 'patient_codes', 'primary_insurance', 'secondary_insurance', 'other_phone', 'preferred_communication_method', 'ui_patient_id', 'petname', 'marital_status', 'breed', 'species', 'color', 'weight', 'height', 'weight_type', 'rabies', 'feed', 'diet', 'trainer', 'registered_name', 'registered_number', 'relative_name', 'codes', 'license', 'preffered_contact', 'added_by', 'age', 'code', 'certificate', 'epet_record_id', 'microchip', 'plan', 'pet_class', 'suspended_date', 'deceased_date', 'mixed', 'client_class', 'cust_id', 'guarantor_bill_type', 'guarantor_bill_type_description', 'bill_type', 'guarantor_patient_id', 'rowhash'],
  appointments: ['href', 'patient_href', 'patient_id', 'guarantor_id', 'provider_id', 'provider_href', 'practice_id', 'practice_href', 'guarantor_href', 'amount', 'status', 'note', 'surface_quadrant_type', 'appointment_sr_no', 'date', 'time', 'length', 'description', 'appointment_made_date', 'type', 'procedure_code1', 'procedure_code1_amount', 'procedure_code2', 'procedure_code2_amount', 'procedure_code3', 'procedure_code3_amount', 'patient_name', 'guarantor_name', 'procedure_code1_time', 'procedure_code2_time', 'procedure_code3_time', 'surface_quadrant'],
  guarantors: ['href', 'patient_href', 'patient_id', 'guarantor_id', 'firstname', 'middlename', 'lastname', 'salutation', 'birthdate', 'status', 'address_line1', 'city', 'state', 'zipcode', 'cell', 'email', 'employer_id', 'practice_id', 'practice_href', 'guarantor_s_patient_id', 'patient_firstname', 'patient_lastname', 'patient_middlename', 'patient_status'],
  providers: ['href', 'provider_id', 'firstname', 'lastname', 'address_line1', 'address_line2', 'city', 'state', 'zipcode', 'country', 'phone', 'provider_type', 'specialty', 'practice_id', 'practice_href', 'patient_href', 'appointment_href', 'status', 'provider_account_id', 'state_id', 'tax_identification_number', 'medicaid_id', 'drug_id', 'national_provider_identifier', 'email', 'birthdate', 'hire_date', 'graduated_date', 'initials', 'ssn', 'other_id', 'bluecross_id', 'medicare_id', 'fee_schedule_id', 'federal_id_no', 'federal_id_sub_no', 'gl_sub_account_number', 'is_hidden', 'cust_id', 'specialty_code'],
  practices: ['href', 'patient_href', 'address_line1', 'address_line2', 'city', 'state', 'zipcode', 'email', 'provider_href', 'practice_id', 'appointment_href', 'guarantor_href', 'transaction_href', 'description', 'name', 'cust_id', 'phone'],
  // practice_schedule's default example has no hours: its weekdays' spans come with get_all only.
  practice_schedule: ['href', 'practice_id', 'practice_href', 'date', 'cust_id', 'resource_type', 'resource_id'],
  transactions: ['href', 'patient_href', 'patient_id', 'guarantor_id', 'provider_id', 'provider_href', 'practice_id', 'practice_href', 'guarantor_href', 'transaction_sr_no', 'transaction_type', 'transaction_date', 'procedure_code', 'procedure_description', 'amount', 'transaction_entry_date', 'estimated_insurance_payment', 'tooth_from', 'tooth_to', 'quantity', 'claim_sr_no', 'claim_href', 'payment_type', 'surface', 'note', 'created_by', 'last_updated_by', 'primary_insurance_estimate'],
};

const DEFAULT_SETS = new Map(Object.entries(DEFAULT_FIELDS).map(([resource, fields]) => [resource, new Set(fields)]));

/** Which fields a v4 answer carries: all of them, or the resource's defaults plus some named ones. */
export type V4Fields = { readonly all: true } | { readonly all: false; readonly extra: ReadonlySet<string> };

/** Reads v4's `fields` parameter: `get_all` anywhere in it means every field. */
export function parseV4Fields(fields: string | null): V4Fields {
  const named = (fields ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  return named.includes('get_all') ? { all: true } : { all: false, extra: new Set(named) };
}

function singular(name: string): string {
  return name.length > 1 && name.endsWith('s') ? name.slice(0, -1) : name;
}

/** v2's hrefs under this sandbox's origin, moved to v4's paths. */
function v4Href(href: string, origin: string): string {
  if (href.startsWith(`${origin}/v2/`)) return `${origin}/v4/${href.slice(origin.length + 4)}`;
  if (href.startsWith(`${origin}/auth/v2/`)) return `${origin}/v4/${href.slice(origin.length + 9)}`;
  return href;
}

function isLink(value: unknown): value is { href: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'href' && typeof (value as { href: unknown }).href === 'string';
}

/** A v2-shaped record in v4's shape, every field kept; links become `<name>_href` where they stood. */
export function toV4Record(record: Rec, origin: string): Rec {
  const out: Rec = {};
  for (const key in record) {
    const value = record[key];
    if (value === undefined) continue;
    if (isLink(value)) out[`${singular(key)}_href`] = v4Href(value.href, origin);
    else if (key === 'href' && typeof value === 'string') out[key] = v4Href(value, origin);
    else out[key] = value;
  }
  return out;
}

/** v4's field filtering on a v4-shaped record of `resource` (resources without a default list answer every field). */
export function selectV4Fields(record: Rec, resource: string, fields: V4Fields): Rec {
  const defaults = DEFAULT_SETS.get(resource);
  if (fields.all || defaults === undefined) return record;
  const out: Rec = {};
  for (const [key, value] of Object.entries(record)) {
    if (defaults.has(key) || fields.extra.has(key)) out[key] = value;
  }
  return out;
}
