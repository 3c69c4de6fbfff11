import { useId, type FormEvent, type KeyboardEvent } from 'react';

/** The question box: Enter sends, Shift+Enter starts a new line. */
export function AskBox({ value, onChange, onAsk, busy, disabledReason }: {
  value: string;
  onChange: (v: string) => void;
  onAsk: (q: string) => void;
  busy: boolean;
  /** Why asking is not possible now (no dashboard read yet); shown under the box. */
  disabledReason?: string;
}) {
  const id = useId();
  const canSend = !busy && !disabledReason && value.trim().length > 0;
  const send = (): void => {
    if (!canSend) return;
    onAsk(value);
    onChange('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    // isComposing: Enter that confirms an IME composition (Japanese, Chinese…) is not a send.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    send();
  };
  return (
    <form className="ask-box" onSubmit={onSubmit}>
      <label htmlFor={id} className="ask-label">Ask about this dashboard</label>
      <textarea id={id} className="ask-input" rows={2} value={value} maxLength={4000}
        onChange={(e) => onChange(e.target.value)} onKeyDown={onKeyDown} aria-describedby={`${id}-hint`}
        placeholder="e.g. Why did signups fall last week?" />
      <div className="ask-row">
        <span id={`${id}-hint`} className="muted ask-hint">{disabledReason ?? 'Enter to send, Shift+Enter for a new line.'}</span>
        <button type="submit" className="button primary" disabled={!canSend}>Ask</button>
      </div>
    </form>
  );
}
