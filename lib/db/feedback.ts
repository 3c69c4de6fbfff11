import { z } from 'zod';
import type { LoupeDb } from './index';

// Flags on anything Loupe said, kept with the context they concern (board, chart, series, period), so
// a later read of the same series can recognise them (lib/learning/apply.ts) and a later answer can
// cite them (lib/learning/prompt.ts). Declined proposals land here too: a decline's reason is feedback.

export const FEEDBACK_KINDS = ['missing', 'misleading', 'wrong-number', 'irrelevant', 'declined'] as const;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);

/** What was said: a finding, one sentence of an explanation, an answer, or a proposal. */
export const FEEDBACK_TARGETS = ['finding', 'explanation', 'answer', 'proposal'] as const;
export const FeedbackTarget = z.enum(FEEDBACK_TARGETS);

const Text = (max: number) => z.string().trim().max(max);

export const FeedbackInput = z.object({
  /** The board's key (lib/db/schema.ts dashboardKey). */
  dashboard: Text(2000).min(1),
  /**
   * What the flag is on, stable across reads: a findingKey for a finding, "answer:<chat id>:<n>" for a
   * sentence, "proposal:<id>" for a proposal. Indexed, so every flag on one thing is one query.
   */
  targetKey: Text(600).min(1),
  target: FeedbackTarget,
  kind: FeedbackKind,
  /** The person's words; may be empty for a plain flag. */
  comment: Text(2000).default(''),
  /** The text Loupe said, quoted, so the flag still reads sensibly after the finding is gone. */
  quote: Text(1000).optional(),
  chartId: Text(120).optional(),
  chartTitle: Text(500).optional(),
  series: Text(300).optional(),
  /** The x where the flagged change starts (a finding's `at`), for matching the same period later. */
  at: z.union([z.string().max(200), z.number().finite()]).optional(),
  actor: Text(120).default('you'),
});

export const FeedbackRow = FeedbackInput.extend({
  id: z.number().int().optional(),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1).optional(),
});

export type FeedbackKind = z.infer<typeof FeedbackKind>;
export type FeedbackTarget = z.infer<typeof FeedbackTarget>;
export type FeedbackInput = z.input<typeof FeedbackInput>;
export type FeedbackRow = z.infer<typeof FeedbackRow>;

/** How a kind reads in a sentence ("You flagged this as a wrong number"). */
export const FEEDBACK_LABELS: Record<FeedbackKind, string> = {
  missing: 'missing something',
  misleading: 'misleading',
  'wrong-number': 'a wrong number',
  irrelevant: 'irrelevant',
  declined: 'declined',
};

export async function addFeedback(database: LoupeDb, input: FeedbackInput, now = new Date().toISOString()): Promise<FeedbackRow> {
  const row = FeedbackRow.parse({ ...FeedbackInput.parse(input), createdAt: now });
  const id = await database.feedback.add(row);
  return { ...row, id: Number(id) };
}

/** A person may reword or re-classify a flag; its context (what and where) stays as recorded. */
export async function updateFeedback(
  database: LoupeDb, id: number, patch: { comment?: string; kind?: FeedbackKind }, now = new Date().toISOString(),
): Promise<FeedbackRow> {
  const current = FeedbackRow.safeParse(await database.feedback.get(id));
  if (!current.success) throw new Error(`No feedback with id ${id}.`);
  const row = FeedbackRow.parse({ ...current.data, ...patch, id, updatedAt: now });
  await database.feedback.put(row);
  return row;
}

export async function deleteFeedback(database: LoupeDb, id: number): Promise<void> {
  await database.feedback.delete(id);
}

/** A board's feedback, oldest first; unreadable rows are skipped. */
export async function feedbackForDashboard(database: LoupeDb, dashboard: string): Promise<FeedbackRow[]> {
  const rows = await database.feedback.where('dashboard').equals(dashboard).sortBy('createdAt');
  return parseRows(rows);
}

/** Every flag on one thing (a finding's key, an answer sentence, a proposal). */
export async function feedbackForTarget(database: LoupeDb, targetKey: string): Promise<FeedbackRow[]> {
  const rows = await database.feedback.where('targetKey').equals(targetKey).sortBy('createdAt');
  return parseRows(rows);
}

/** Everything learned from feedback, newest first, for the "what Loupe has learned" list. */
export async function listFeedback(database: LoupeDb): Promise<FeedbackRow[]> {
  return parseRows(await database.feedback.orderBy('createdAt').reverse().toArray());
}

function parseRows(rows: unknown[]): FeedbackRow[] {
  return rows.flatMap((r) => {
    const parsed = FeedbackRow.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}
