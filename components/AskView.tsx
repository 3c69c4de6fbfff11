import { useEffect, useMemo, useState } from 'react';
import { usePanel } from '@/lib/stores/use-panel';
import { AnswerMessage } from './AnswerMessage';
import { AskBox } from './AskBox';
import { AskRequestPreview } from './AskRequestPreview';
import { suggestQuestions, SuggestedQuestions } from './SuggestedQuestions';

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** The Ask tab: suggested questions, the conversation about this dashboard, the question box. */
export function AskView() {
  const snapshot = usePanel((s) => s.snapshot);
  const analysis = usePanel((s) => s.analysis);
  const turns = usePanel((s) => s.turns);
  const chatLoad = usePanel((s) => s.chatLoad);
  const chatProblem = usePanel((s) => s.chatProblem);
  const answering = usePanel((s) => s.answering);
  const loadChat = usePanel((s) => s.loadChat);
  const ask = usePanel((s) => s.ask);
  const stopAnswer = usePanel((s) => s.stopAnswer);
  const retryTurn = usePanel((s) => s.retryTurn);
  const showChart = usePanel((s) => s.showChart);
  const highlight = usePanel((s) => s.highlight);
  const [draft, setDraft] = useState('');
  const url = snapshot?.url;

  useEffect(() => { if (url) void loadChat(); }, [url, loadChat]);

  const suggestions = useMemo(
    () => (snapshot ? suggestQuestions(snapshot, analysis?.findings ?? []) : []),
    [snapshot, analysis],
  );
  const pageOrigin = originOf(url);
  const why = !snapshot ? 'Open a dashboard and let Loupe read it, then ask.' : undefined;
  const live = turns.find((t) => t.key === answering);

  return (
    <div className="ask-view">
      {chatProblem && <p className="hint" role="alert">{chatProblem}</p>}
      {chatLoad === 'loading' && <p className="muted" role="status">Loading this dashboard’s conversation…</p>}
      {snapshot && chatLoad === 'ready' && turns.length === 0 && (
        <SuggestedQuestions questions={suggestions} onAsk={(q) => void ask(q)} disabled={answering !== null}
          names={(analysis?.findings ?? []).map((f) => f.series)} />
      )}
      <p className="highlight-status" role="status">
        {highlight?.status === 'shown' && `Showing “${snapshot?.charts.find((c) => c.id === highlight.chartId)?.title || 'the chart'}” on the page.`}
        {highlight?.status === 'failed' && (highlight.message ?? 'Loupe could not show that evidence on the page.')}
      </p>
      {turns.length > 0 && (
        <ol className="messages" aria-label="Conversation">
          {turns.map((t) => (
            <AnswerMessage key={t.key} turn={t} pageOrigin={pageOrigin} busy={answering !== null}
              onStop={stopAnswer} onRetry={() => void retryTurn(t.key)} onCite={(e) => void showChart(e.chartId, e.points)} />
          ))}
        </ol>
      )}
      <p className="visually-hidden" role="status">{live ? 'Loupe is answering.' : ''}</p>
      <AskBox value={draft} onChange={setDraft} onAsk={(q) => void ask(q)} busy={answering !== null} disabledReason={why} />
      <AskRequestPreview question={draft} />
    </div>
  );
}
