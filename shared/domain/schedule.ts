/** What the schedule screens receive. Dates are ISO `yyyy-mm-dd`, times 24-hour `HH:MM`, local to the office. */

export interface AppointmentSummary {
  readonly officeId: string;
  readonly appointmentId: string;
  readonly date: string | null;
  readonly time: string | null;
  /** Minutes after midnight, for laying out a day; null when Sikka sent no usable time. */
  readonly startMinute: number | null;
  readonly lengthMinutes: number | null;
  readonly patientId: string | null;
  /** The cached patient's display name, else the name Sikka put on the appointment. */
  readonly patientName: string | null;
  readonly providerId: string | null;
  readonly providerName: string | null;
  readonly operatory: string | null;
  readonly description: string | null;
  readonly status: string | null;
  readonly type: string | null;
}

export type ScheduleGrouping = 'provider' | 'operatory';

export interface ScheduleColumn {
  /** The provider id or operatory name; empty for appointments without one. */
  readonly key: string;
  /** The provider's name or the operatory; null when there is none. */
  readonly label: string | null;
  /** Sorted by time. */
  readonly appointments: readonly AppointmentSummary[];
}

export interface DaySchedule {
  readonly officeId: string;
  readonly date: string;
  readonly groupBy: ScheduleGrouping;
  readonly columns: readonly ScheduleColumn[];
  readonly appointmentCount: number;
}
