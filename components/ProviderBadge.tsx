import { usePanel } from '@/lib/stores/use-panel';

/** Which model answers ("Offline", "OpenAI gpt-4o-mini", "Ollama llama3.1"), and whether it is paused. */
export function ProviderBadge() {
  const label = usePanel((s) => s.providerLabel);
  const paused = usePanel((s) => s.copilotSettings.paused);
  return (
    <p className="provider-line">
      Answers by <span className="provider">{label}</span>
      {paused && <span className="provider-paused"> · paused: nothing is sent</span>}
    </p>
  );
}
