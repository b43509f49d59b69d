import type { TaskStatus } from '../events/task-status.js';
import { assertNever } from '../util/assert-never.js';

/** The few text styles the reporters use; identity functions when colour is off. */
export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  cyan: (text: string) => string;
  /** A status word in the colour that says good, bad or neither. */
  status: (status: TaskStatus, text?: string) => string;
}

/** Plain SGR codes: the reporters need five colours, not a colour library. */
export function createStyle(color: boolean): Style {
  const sgr =
    (open: number, close: number) =>
    (text: string): string =>
      color && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  const style: Style = {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
    status: (status, text = status) => statusColor(style, status)(text),
  };
  return style;
}

function statusColor(style: Style, status: TaskStatus): (text: string) => string {
  switch (status) {
    case 'succeeded':
      return style.green;
    case 'failed':
    case 'interrupted':
      return style.red;
    case 'blocked':
    case 'cancelled':
    case 'waiting':
      return style.yellow;
    case 'skipped':
    case 'pending':
      return style.dim;
    case 'running':
    case 'verifying':
      return style.cyan;
    default:
      return assertNever(status);
  }
}
