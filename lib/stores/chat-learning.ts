import { feedbackForDashboard } from '@/lib/db/feedback';
import { triageForDashboard, type LoupeDb } from '@/lib/db';
import { listNotes } from '@/lib/db/notes';
import { dashboardKey } from '@/lib/db/schema';
import type { Finding } from '@/lib/evidence/schema';
import { matchNotes } from '@/lib/learning';
import { promptNotes, type PromptLearning } from '@/lib/learning/prompt';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';

export const NO_LEARNING: PromptLearning = { notes: [], feedback: [], refs: [] };

/** What this team told Loupe about the board, for the copilot's prompt: every note that applies to the
 *  board, past feedback and triage reasons, numbered N1… so an answer can cite them ("you told us"). */
export async function chatLearning(database: LoupeDb, snapshot: DashboardSnapshot, findings: readonly Finding[]): Promise<PromptLearning> {
  const board = dashboardKey(snapshot.url);
  const [notes, feedback, triage] = await Promise.all([
    listNotes(database), feedbackForDashboard(database, board), triageForDashboard(database, board),
  ]);
  return promptNotes(matchNotes(notes, { url: snapshot.url }), feedback, { findings, dashboard: snapshot.url, triage: [...triage.values()] });
}
