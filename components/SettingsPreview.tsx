import { useState } from 'react';
import { computeEvidence } from '@/lib/evidence';
import { buildRequest, describeRequest, type RequestDescription } from '@/lib/copilot/prompt';
import { selectProvider } from '@/lib/copilot/providers';
import { TOOL_SPECS } from '@/lib/copilot/tools';
import { parseDraft } from '@/lib/stores/settings-slice';
import { usePanel } from '@/lib/stores/use-panel';

const SAMPLE = 'What changed on this dashboard, and is it real?';

/** "Show what will be sent": the exact request for a sample question on the page read, key masked. */
export function SettingsPreview() {
  const draft = usePanel((s) => s.settingsDraft);
  const snapshot = usePanel((s) => s.snapshot);
  const [question, setQuestion] = useState(SAMPLE);
  const [shown, setShown] = useState<RequestDescription | string | null>(null);

  const show = () => {
    if (!draft) return;
    const parsed = parseDraft(draft);
    if (!parsed.ok) {
      setShown('Fix the settings marked above first.');
      return;
    }
    // The same request the copilot loop builds: redaction, plain language and tools as they would be.
    const { evidence, findings } = snapshot ? computeEvidence(snapshot) : { evidence: [], findings: [] };
    const tools = selectProvider(parsed.provider).supportsTools ? TOOL_SPECS : undefined;
    const { request } = buildRequest({
      question: question.trim() || SAMPLE, snapshot: snapshot ?? undefined, evidence, findings,
      redaction: parsed.redaction, plainLanguage: parsed.plainLanguage, tools,
    });
    setShown(describeRequest(request, parsed.provider));
  };

  return (
    <section className="settings-preview" aria-labelledby="preview-title">
      <h3 id="preview-title">What will be sent</h3>
      <label htmlFor="preview-question">Sample question</label>
      <input id="preview-question" type="text" value={question} onChange={(e) => { setQuestion(e.target.value); setShown(null); }} />
      <button type="button" className="button" onClick={show}>Show what will be sent</button>
      {typeof shown === 'string' && <p role="alert" className="field-error">{shown}</p>}
      {shown && typeof shown !== 'string' && (
        <div className="request-preview" role="region" aria-label="Request preview">
          {shown.sent ? (
            <>
              <p><strong>{shown.method}</strong> <code>{shown.url}</code></p>
              <pre aria-label="Headers">{Object.entries(shown.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
              <pre aria-label="Body">{JSON.stringify(shown.body, null, 2)}</pre>
            </>
          ) : <p>{shown.note}</p>}
        </div>
      )}
    </section>
  );
}
