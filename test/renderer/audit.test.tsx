import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../shared/domain/audit';
import { AUDIT_PAGE_SIZE } from '../../renderer/screens/audit/AuditScreen';
import { actorMarker, dayBoundary } from '../../renderer/screens/audit/auditWords';
import { formatPcSecond } from '../../renderer/view/format';
import './setup';
import { fakeApi, ok } from './fakeApi';
import { NOW } from './fixtures';
import { renderApp } from './renderApp';
import * as staff from './staffFixtures';

/** The table named by its caption (found through the caption's text: a role query over many rows is slow in jsdom). */
async function entryTable(): Promise<HTMLElement> {
  const table = (await screen.findByText('Audit trail entries, newest first')).closest('table');
  if (table === null) throw new Error('the caption is not in a table');
  return table;
}
// Rows by selector: role queries over a hundred rows and more are slow in jsdom.
const sequences = (table: HTMLElement): string[] => [...table.querySelectorAll('tbody tr')].map((row) => row.querySelector('td')?.textContent ?? '');

function manyEntries(count: number): AuditEntryView[] {
  return Array.from({ length: count }, (_, index) => ({
    sequence: index + 1,
    at: NOW - (count - index) * 60_000,
    actor: staff.frontDesk.profileId,
    actorName: staff.frontDesk.displayName,
    action: 'view-patient',
    target: `office/D16001/patient/${index + 1}`,
    detail: null,
    hash: index.toString(16).padStart(64, '0'),
  }));
}

describe('audit screen', () => {
  it('tells staff it is for a practice manager, and asks the main process nothing', async () => {
    const fake = fakeApi({}, { session: { state: 'unlocked', profile: staff.frontDesk, since: NOW } });
    await renderApp(fake, '#/audit');
    expect(await screen.findByText('Only a practice manager can see the audit trail.')).toBeTruthy();
    expect(fake.callsTo('auditEntries')).toEqual([]);
    expect(fake.callsTo('auditVerify')).toEqual([]);
  });

  it('says the chain is intact, how many entries, and that the checkpoint matches', async () => {
    const fake = fakeApi();
    await renderApp(fake, '#/audit');
    const verdict = (await screen.findByText('Intact')).closest('.audit-verdict');
    expect(verdict?.textContent).toContain('All 7 entries hold together (the latest is #7).');
    expect(verdict?.textContent).toContain('They match the checkpoint kept outside the database');
  });

  it('says when no checkpoint is kept, and lists breaks found earlier', async () => {
    const fake = fakeApi({
      auditVerify: () => ok({ ok: true, entries: 9, head: { sequence: 9, hash: 'ab'.repeat(32) }, checkpoint: 'not-kept', breaksFound: [{ sequence: 8, detail: 'entries removed from the end: the checkpoint named #9, the trail ended at #7' }] }),
    });
    await renderApp(fake, '#/audit');
    const verdict = (await screen.findByText('Intact')).closest('.audit-verdict');
    expect(verdict?.textContent).toContain('No checkpoint is kept outside the database here');
    expect(within(verdict as HTMLElement).getByRole('listitem').textContent).toBe('Entry #8: entries removed from the end: the checkpoint named #9, the trail ended at #7');
  });

  it('puts a broken chain first, as an alert with its explanation and the first entry not to trust', async () => {
    const fake = fakeApi({
      auditVerify: () => ok({ ok: false, problem: 'altered', sequence: 5, entries: 4, explanation: 'Entry #5 does not match its hash: it was changed after it was written, or entries were moved.' }),
    });
    const { user } = await renderApp(fake, '#/audit');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('An entry in the audit trail was changed');
    expect(alert.textContent).toContain('Entry #5 does not match its hash');
    expect(within(alert).getByText('Entries from #5 on cannot be trusted.')).toBeTruthy();
    expect(alert.compareDocumentPosition(await entryTable()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.click(within(alert).getByRole('button', { name: 'Check again' }));
    await waitFor(() => { expect(fake.callsTo('auditVerify')).toHaveLength(2); });
  });

  it('lists entries newest first, in plain words, marking the app and the command line', async () => {
    const fake = fakeApi();
    fake.staff.audit = [
      ...staff.auditEntries,
      { sequence: 8, at: NOW - 1_000, actor: 'cli:it-admin', actorName: 'it-admin', action: 'audit-exported', target: 'audit/start..end', detail: 'account jdoe', hash: '08'.repeat(32) },
    ];
    await renderApp(fake, '#/audit');
    await entryTable();
    const table = screen.getByRole('table', { name: 'Audit trail entries, newest first' });
    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['#', 'When', 'Who', 'What', 'Record', 'Detail']);
    expect(sequences(table)).toEqual(['8', '7', '6', '5', '4', '3', '2', '1']);
    const cells = (sequence: string): (string | null)[] => {
      const row = [...table.querySelectorAll('tbody tr')].find((each) => each.querySelector('td')?.textContent === sequence);
      return [...(row?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent);
    };
    expect(cells('8')).toEqual(['8', formatPcSecond(NOW - 1_000), 'it-admin command line', 'Exported the audit trail', 'audit/start..end', 'account jdoe']);
    expect(cells('6')[2]).toBe('Lock screen the app');
    expect(cells('5')).toEqual(['5', formatPcSecond(NOW - 3_000_000), 'Sam Okafor', 'Opened a patient', 'office/D16001/patient/101', '']);
    expect(fake.callsTo('auditEntries')).toEqual([{ limit: AUDIT_PAGE_SIZE }]);
  });

  it('shows older entries a page at a time, asking for those before the last one shown', async () => {
    const fake = fakeApi();
    fake.staff.audit = manyEntries(150);
    const { user } = await renderApp(fake, '#/audit');
    const table = await entryTable();
    await waitFor(() => { expect(sequences(table)).toHaveLength(100); });
    expect(sequences(table).at(-1)).toBe('51');
    // Queried beside the count, not across the whole page: role queries over 150 rows are slow in jsdom.
    const paging = (): HTMLElement => screen.getByText(/entries shown, newest first/).parentElement as HTMLElement;
    await user.click(within(paging()).getByRole('button', { name: 'Show older' }));
    await waitFor(() => { expect(sequences(table)).toHaveLength(150); });
    expect(fake.callsTo('auditEntries')).toEqual([{ limit: 100 }, { beforeSequence: 51, limit: 100 }]);
    expect(sequences(table).at(-1)).toBe('1');
    expect(within(paging()).queryByRole('button', { name: 'Show older' })).toBeNull();
    expect(within(paging()).getByRole('status').textContent).toBe('150 entries shown, newest first \u2014 that is all.');
    // A hundred and fifty rows take a while in jsdom on a busy machine.
  }, 20_000);

  it('asks for the days chosen, on this PC\u2019s clock, the last day included', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/audit');
    await entryTable();
    await user.type(screen.getByLabelText('From'), '2025-03-01');
    await user.type(screen.getByLabelText('To (including that day)'), '2025-03-04');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => { expect(fake.callsTo('auditEntries')).toHaveLength(2); });
    expect(fake.callsTo('auditEntries')[1]).toEqual({ from: new Date(2025, 2, 1).getTime(), to: new Date(2025, 2, 5).getTime(), limit: AUDIT_PAGE_SIZE });
  });

  it('refuses a first day after the last, without asking', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/audit');
    await entryTable();
    await user.type(screen.getByLabelText('From'), '2025-03-04');
    await user.type(screen.getByLabelText('To (including that day)'), '2025-03-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The first day comes after the last day. Swap them.');
    expect(fake.callsTo('auditEntries')).toHaveLength(1);
  });

  it('says so when no entry falls between the days chosen', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/audit');
    await entryTable();
    await user.type(screen.getByLabelText('From'), '2030-01-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('No entries between these days.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('names the command that exports the trail with its chain verified', async () => {
    await renderApp(fakeApi(), '#/audit');
    expect((await screen.findByText(/npm run cli -- audit/)).textContent).toBe('npm run cli -- audit --data-dir DIR --from DATE --to DATE');
  });
});

describe('audit words', () => {
  it('reads a day as its start, and a last day as the start of the next, on this PC\u2019s clock', () => {
    expect(dayBoundary('2025-03-04', 'from')).toBe(new Date(2025, 2, 4).getTime());
    expect(dayBoundary('2025-12-31', 'to')).toBe(new Date(2026, 0, 1).getTime());
    expect(dayBoundary('2025-02-30', 'from')).toBeNull();
    expect(dayBoundary('', 'to')).toBeNull();
  });

  it('marks who acted when it was not a profile', () => {
    expect(actorMarker({ actor: 'system' })).toBe('the app');
    expect(actorMarker({ actor: 'cli:maria' })).toBe('command line');
    expect(actorMarker({ actor: staff.manager.profileId })).toBeNull();
  });
});
