import { z } from 'zod';
import { Finding } from '../evidence/schema';

// What learning adds to a finding, as data the panel, the CLI and the export all read the same way.

/** Why a finding is hidden: a person's earlier verdict on the same series and period. */
export const Suppression = z.object({
  verdict: z.enum(['expected', 'noise']),
  /** Shown to a person: "You marked this expected on Oct 12: 'seasonal campaign'". */
  reason: z.string(),
  /** The finding key of the triage that caused it, to undo or edit that triage. */
  triageKey: z.string(),
  triagedAt: z.string(),
});

/** One step that lowered a finding's confidence, with what caused it. */
export const Adjustment = z.object({
  by: z.enum(['note', 'feedback']),
  /** A note's uid or a feedback row's id. */
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  /** Confidence multiplier applied for this source (applied once per kind of source). */
  factor: z.number().min(0).max(1),
});

export const NoteRef = z.object({ uid: z.string(), text: z.string(), by: z.string().optional() });

export const LearnedFinding = Finding.extend({
  suppressed: Suppression.optional(),
  /** The engine's confidence before learning; `confidence` is after. */
  originalConfidence: z.number().min(0).max(1),
  adjustments: z.array(Adjustment),
  /** Notes that match this finding's chart and series, to show beside it. */
  notes: z.array(NoteRef),
});

/** One visible effect of learning, for the panel's "you told us …" list. */
export const LearningChange = z.object({
  findingId: z.string(),
  title: z.string(),
  effect: z.enum(['suppressed', 'confidence']),
  by: z.enum(['triage', 'note', 'feedback']),
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  from: z.number().optional(),
  to: z.number().optional(),
});

export type Suppression = z.infer<typeof Suppression>;
export type Adjustment = z.infer<typeof Adjustment>;
export type NoteRef = z.infer<typeof NoteRef>;
export type LearnedFinding = z.infer<typeof LearnedFinding>;
export type LearningChange = z.infer<typeof LearningChange>;
