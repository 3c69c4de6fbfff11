import { canClick, nextStep } from '@/lib/guardrails/machine';
import { usePanel } from '@/lib/stores/use-panel';
import { StepItem } from './StepItem';

/** The draft's steps in order; only the next one is live, and only once the rules let the draft run. */
export function StepList({ id }: { id: number }) {
  const flow = usePanel((s) => s.drafts[id]?.flow);
  const paused = usePanel((s) => s.copilotSettings.paused);
  if (!flow) return null;
  const next = nextStep(flow);
  return (
    <>
      {paused && <p className="hint">AI is paused: no step runs until you resume it in the header.</p>}
      <ol className="steps" aria-label="Steps">
        {flow.steps.map((step) => (
          <StepItem key={step.id} id={id} step={step} state={flow.stepStates[step.id]} isNext={next?.id === step.id && !paused}
            canRun={canClick(flow, step.id, { aiPaused: paused }) || (next?.id === step.id && !paused)} blocked={flow.phase === 'blocked'} />
        ))}
      </ol>
    </>
  );
}
