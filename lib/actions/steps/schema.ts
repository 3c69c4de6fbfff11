// The page-step shape is the guardrails core's (lib/guardrails/schema.ts): one schema for drafts, the
// decision log and the page actions. This module adds what crosses the page boundary: the control's
// recorded state and the results of preview / apply / verify / revert.
import { isPageStep, PAGE_STEP_KINDS, Step, type PageStep, type PageTarget } from '@/lib/guardrails/schema';

export { PAGE_STEP_KINDS, type PageStep, type PageTarget };
export type PageStepKind = PageStep['kind'];

/** A control's value as the page shows it, serialized so the log can record it and a revert can
 *  restore it: "2026-08-01/2026-10-23" (date range), the chosen option's text (filter, breakdown),
 *  "on" / "off" (toggle), a JSON array of "YYYY-MM-DD note" (annotations). */
export type ControlState = string;

export type StepCheck = { ok: true } | { ok: false; message: string };
export type Located = { ok: true; el: Element; name: string } | { ok: false; message: string };
export type ReadResult = { ok: true; state: ControlState } | { ok: false; message: string };
export type ApplyResult = { ok: true; before: ControlState } | { ok: false; message: string };

export interface StepPreview {
  ok: boolean;
  /** The button label: exactly what the step will do. */
  description: string;
  before: ControlState | null;
  after: ControlState | null;
  /** The page the preview was shown on; applyStep must name it (expectedUrl). */
  url: string;
  message: string;
}

export interface StepOutcome {
  ok: boolean;
  before: ControlState | null;
  after: ControlState | null;
  /** The page, read again after the change, shows the value the step set. */
  verified: boolean;
  message: string;
}

/** A page step, or null: anything else (a hand step, a malformed object) never reaches the page. */
export function parsePageStep(input: unknown): PageStep | null {
  const parsed = Step.safeParse(input);
  return parsed.success && isPageStep(parsed.data) ? parsed.data : null;
}
