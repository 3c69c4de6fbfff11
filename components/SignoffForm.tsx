import { useState } from 'react';
import { usePanel } from '@/lib/stores/use-panel';

/** A sign-off: who (name, role) and an optional note. The role is pre-filled with the one the rule
 *  needs; a different role is refused by the rules and the refusal is shown. */
export function SignoffForm({ id, rule, role: needed }: { id: number; rule: string; role: string }) {
  const signOff = usePanel((s) => s.signOff);
  const [name, setName] = useState('');
  const [role, setRole] = useState(needed);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = name.trim() !== '' && role.trim() !== '';
  const submit = async () => {
    setBusy(true);
    try { if (await signOff(id, { rule, name: name.trim(), role: role.trim(), note: note.trim() })) { setName(''); setNote(''); } } finally { setBusy(false); }
  };
  return (
    <form className="signoff-form" aria-label={`Sign off “${rule}”`} onSubmit={(e) => { e.preventDefault(); if (ready) void submit(); }}>
      <label className="field">Name <input type="text" value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} /></label>
      <label className="field">Role <input type="text" value={role} maxLength={80} required onChange={(e) => setRole(e.target.value)} /></label>
      <label className="field">Note <input type="text" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} /></label>
      <button type="submit" className="button primary" disabled={!ready || busy}>Sign off “{rule}”</button>
    </form>
  );
}
