import { usePanel } from '@/lib/stores/use-panel';

/** One click stops every model call (design: the person stays in control); bound to the `pauseAi` setting. */
export function PauseAiSwitch() {
  const paused = usePanel((s) => s.copilotSettings.paused);
  const setPauseAi = usePanel((s) => s.setPauseAi);
  return (
    <button type="button" role="switch" aria-checked={paused} className="switch" onClick={() => void setPauseAi(!paused)}>
      <span className="switch-track" aria-hidden="true"><span className="switch-thumb" /></span>
      Pause AI
    </button>
  );
}
