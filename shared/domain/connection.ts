/**
 * What the app shows about its link to Sikka: sign-in results, the offices an app ID may read and
 * the state of the connection. Views only — never an app key, token, request key or an office's
 * `secret_key`, so any of them may cross to the renderer.
 */
import type { PracticeDomain } from './records';

/** A date Sikka sent in the office's local time, with what is needed to read it. */
export interface OfficeLocalTime {
  /** 'yyyy-MM-dd HH:mm:ss' exactly as Sikka sent it, in the office's zone. */
  readonly local: string;
  /** The office's zone as Sikka names it (Windows), e.g. "Eastern Standard Time"; null if none. */
  readonly timeZone: string | null;
  /** The same moment in epoch ms; null when the date or zone cannot be read. */
  readonly at: number | null;
}

/** One office of `authorized_practices`, with its Sikka agent's (SPC's) status, for choosing what to sync. */
export interface AuthorizedOfficeView {
  readonly officeId: string;
  readonly practiceId: string | null;
  readonly practiceName: string;
  readonly domain: PracticeDomain;
  readonly city: string | null;
  readonly state: string | null;
  readonly practiceManagementSystem: string | null;
  readonly practiceManagementSystemVersion: string | null;
  /** When SPC last read the practice management system. */
  readonly practiceManagementSystemRefreshedAt: OfficeLocalTime | null;
  readonly dataSynchronizedAt: OfficeLocalTime | null;
  /** When SPC last finished loading data into Sikka. */
  readonly dataInsertedAt: OfficeLocalTime | null;
  /** False until SPC has uploaded the office's data (Sikka answers API2010 meanwhile). */
  readonly dataUploaded: boolean;
}

/** Which offices to keep a copy of: every office the app ID may read, or these. */
export type OfficeChoice = 'all' | readonly string[];

/** How an office was connected: "Sign in with Sikka" (OAuth) or an app key from Sikka. */
export type ConnectionMethod = 'sikka-sign-in' | 'app-key';

export interface SignedInOffice {
  readonly officeId: string;
  /** Epoch ms when the first request key expires (it is renewed by itself). */
  readonly keyExpiresAt: number | null;
}

export interface ConnectionStatus {
  readonly kind: 'none' | 'demo' | 'sikka';
  /** null unless connected to Sikka. */
  readonly method: ConnectionMethod | null;
  /** Offices signed in with Sikka (each with its own refresh token). */
  readonly signedInOffices: readonly string[];
  readonly selectedOffices: OfficeChoice;
  /** null is Sikka's production host. */
  readonly sikkaBaseUrl: string | null;
}

/** Signing out always removes the local secrets; telling Sikka may fail (offline) and is reported. */
export interface SignOutReport {
  /** Offices whose access Sikka confirmed ended. */
  readonly revokedOffices: readonly string[];
  /** Offices whose access could not be ended at Sikka: revoke it in the Sikka portal. */
  readonly notRevoked: readonly { readonly officeId: string; readonly code: string; readonly message: string }[];
}
