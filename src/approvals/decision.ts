import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** A person's answer to an approval task, as the record keeps it. */
export interface ApprovalDecision {
  decision: 'approved' | 'rejected';
  /** git user.name, or the OS user. */
  by: string;
  at: number;
  note?: string;
}

/**
 * Decisions travel from `orchestra approve|reject` (any terminal, any process) to the run through a
 * file per task in the run folder: the run applies it to its record and removes it, so a decision is
 * applied once, also when it was given while the run was stopped (`resume` finds it).
 */
export function decisionsDir(runDir: string): string {
  return join(runDir, 'approvals');
}

function decisionFile(runDir: string, task: string): string {
  return join(decisionsDir(runDir), `${task}.json`);
}

export async function writeDecision(runDir: string, task: string, decision: ApprovalDecision): Promise<void> {
  await mkdir(decisionsDir(runDir), { recursive: true });
  await writeFileAtomic(decisionFile(runDir, task), `${JSON.stringify(decision)}\n`);
}

export async function readDecision(runDir: string, task: string): Promise<ApprovalDecision | undefined> {
  try {
    const value = JSON.parse(await readFile(decisionFile(runDir, task), 'utf8')) as Partial<ApprovalDecision>;
    if (value.decision !== 'approved' && value.decision !== 'rejected') return undefined;
    if (typeof value.by !== 'string' || typeof value.at !== 'number') return undefined;
    return {
      decision: value.decision,
      by: value.by,
      at: value.at,
      ...(typeof value.note === 'string' && value.note !== '' ? { note: value.note } : {}),
    };
  } catch {
    return undefined;
  }
}

export async function removeDecision(runDir: string, task: string): Promise<void> {
  await rm(decisionFile(runDir, task), { force: true });
}
