import type { CheckpointAnswers } from '@/lib/guardrails/schema';

/** What the person confirmed at the checkpoint, kept at the top of the draft's checklist. */
export function CheckpointSummary({ answers }: { answers: CheckpointAnswers }) {
  return (
    <p className="checkpoint-done">
      <span aria-hidden="true">✓ </span>Checkpoint: {answers.mode === 'act' ? 'act' : 'review only'} · window {answers.window.label} · cohort {answers.cohort}
    </p>
  );
}
