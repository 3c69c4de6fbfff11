import { confidenceWord } from '@/lib/evidence/format';

/** ui.md asks for "moderate" where the offline texts say "medium": the same threshold, a gentler word. */
export function confidenceLabel(confidence: number): 'high' | 'moderate' | 'low' {
  const word = confidenceWord(confidence);
  return word === 'medium' ? 'moderate' : word === 'high' ? 'high' : 'low';
}

/** Confidence in words first, with a bar for a glance; the bar is a meter screen readers announce. */
export function ConfidenceMeter({ confidence }: { confidence: number }) {
  const word = confidenceLabel(confidence);
  const pct = Math.round(Math.min(1, Math.max(0, confidence)) * 100);
  return (
    <div className={`confidence confidence-${word}`}>
      <span className="confidence-word">{word[0].toUpperCase() + word.slice(1)} confidence</span>
      <span className="confidence-bar" role="meter" aria-label="Confidence" aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={pct} aria-valuetext={`${word} confidence`}>
        <span className="confidence-fill" style={{ width: `${pct}%` }} />
      </span>
    </div>
  );
}
