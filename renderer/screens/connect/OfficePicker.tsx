/**
 * The offices an app ID may read, with the state of each practice's Sikka agent (SPC), to choose
 * all of them (and any added later) or some.
 */
import type { AuthorizedOfficeView } from '../../../shared/domain/connection';
import { Badge } from '../../components/Notices';
import { ago, formatOfficeLocalTime } from '../../view/format';

/** 'all' keeps following Sikka's list; a set is exactly these offices. */
export type OfficeSelection = 'all' | ReadonlySet<string>;

interface Props {
  readonly offices: readonly AuthorizedOfficeView[];
  readonly selection: OfficeSelection;
  readonly onChange: (selection: OfficeSelection) => void;
  readonly now: number;
}

export function OfficePicker({ offices, selection, onChange, now }: Props) {
  if (offices.length === 0) return <p className="notice notice-empty">Sikka lists no office for this app ID. Ask the practice to authorize it in their Sikka account.</p>;
  const chosen = (officeId: string): boolean => selection === 'all' || selection.has(officeId);
  const toggle = (officeId: string, on: boolean): void => {
    const next = new Set(selection === 'all' ? offices.map((office) => office.officeId) : selection);
    if (on) next.add(officeId);
    else next.delete(officeId);
    onChange(next);
  };
  return (
    <fieldset className="office-picker">
      <legend>Offices to copy to this PC</legend>
      <label className="choice">
        <input type="radio" name="office-choice" checked={selection === 'all'} onChange={() => { onChange('all'); }} />
        All {offices.length === 1 ? 'offices' : `${offices.length} offices`}, and any the practice adds later
      </label>
      <label className="choice">
        <input type="radio" name="office-choice" checked={selection !== 'all'} onChange={() => { onChange(new Set(offices.map((office) => office.officeId))); }} />
        Only the offices ticked below
      </label>
      <ul className="office-options">
        {offices.map((office) => {
          const when = (time: AuthorizedOfficeView['dataInsertedAt']): string =>
            time === null ? 'not reported' : `${formatOfficeLocalTime(time, null, now)}${time.at === null ? '' : `, ${ago(time.at, now)}`}`;
          const pms = [office.practiceManagementSystem, office.practiceManagementSystemVersion].filter(Boolean).join(' ');
          return (
            <li key={office.officeId}>
              <label className="office-option">
                <input type="checkbox" disabled={selection === 'all'} checked={chosen(office.officeId)} onChange={(event) => { toggle(office.officeId, event.target.checked); }} />
                <span className="office-option-text">
                  <span className="office-option-name">
                    {office.practiceName} <span className="muted">({office.officeId})</span> {office.domain}
                    {[office.city, office.state].some(Boolean) && <span className="muted"> · {[office.city, office.state].filter(Boolean).join(', ')}</span>}
                  </span>
                  <span className="office-option-spc">
                    {pms === '' ? 'Practice management system not reported' : pms} · System read by SPC {when(office.practiceManagementSystemRefreshedAt)} · Data uploaded {when(office.dataInsertedAt)}
                  </span>
                  {!office.dataUploaded && <Badge tone="warning">Data not uploaded yet</Badge>}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
