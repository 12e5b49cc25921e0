/** A provider (dentist, hygienist, veterinarian...) as the screens show one. */
export interface ProviderSummary {
  readonly officeId: string;
  /** Sikka's short code, e.g. "DMD2". */
  readonly providerId: string;
  readonly displayName: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly providerType: string | null;
  readonly specialty: string | null;
  readonly status: string | null;
}
