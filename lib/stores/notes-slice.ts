import type { StateCreator } from 'zustand/vanilla';
import { db, type LoupeDb } from '@/lib/db';
import { addFeedback, deleteFeedback, listFeedback, type FeedbackKind, type FeedbackRow } from '@/lib/db/feedback';
import { changeRules, seedDefaultRules } from '@/lib/db/guardrails';
import { addNote, deleteNote, listNotes, saveNotes, updateNote, type NoteInput, type NoteRow } from '@/lib/db/notes';
import { dashboardKey } from '@/lib/db/schema';
import type { Finding } from '@/lib/evidence/schema';
import type { Actor, Rule } from '@/lib/guardrails/schema';
import { applyImport, exportNotes, previewImport, type ImportPreview } from '@/lib/learning';
import { triageKey } from './findings-slice';
import type { PanelState } from './panel-store';

// Level 4 in the panel: institutional notes, escalation rules and the flags people raise. Everything
// durable is in Dexie; this slice holds the lists on screen and reloads them after each change, then
// asks the findings slice to apply learning again so a new note or flag shows on its card at once.

export type Done = { ok: true } | { ok: false; error: string };
type Load = 'idle' | 'loading' | 'ready' | 'failed';

/** Only a person edits rules and notes; the panel's user is that person. */
export const PERSON: Actor = { kind: 'person', name: 'you' };

export interface PendingImport { fileName: string; preview: ImportPreview }

export interface NotesSlice {
  notes: NoteRow[];
  rules: Rule[];
  /** Every flag, newest first (the "What Loupe has learned" list). */
  flags: FeedbackRow[];
  notesLoad: Load;
  notesError: string | null;
  pendingImport: PendingImport | null;
  loadNotes(): Promise<void>;
  /** Adds a note, or edits note `id`. */
  saveNote(input: NoteInput, id?: number): Promise<Done>;
  removeNote(id: number): Promise<Done>;
  /** Adds a rule, or replaces the rule named `previous`. */
  saveRule(rule: Rule, previous?: string): Promise<Done>;
  removeRule(name: string): Promise<Done>;
  flagFinding(finding: Finding, kind: FeedbackKind, comment: string): Promise<Done>;
  removeFlag(id: number): Promise<Done>;
  /** The shared file (notes and rules) as JSON text. */
  exportNotesFile(now?: string): string;
  /** Reads a file and keeps what it would do, for the person to confirm; writes nothing. */
  previewNotesImport(fileName: string, text: string): void;
  applyNotesImport(): Promise<Done>;
  cancelNotesImport(): void;
}

export interface NotesDeps {
  database?: () => LoupeDb;
}

function text(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}
function failed(err: unknown): Done {
  return { ok: false, error: text(err) };
}

export const createNotesSlice = (deps: NotesDeps = {}): StateCreator<PanelState, [], [], NotesSlice> => (set, get) => {
  const database = deps.database ?? db;

  /** Runs a change, then reloads the lists and what learning makes of this read. */
  async function change(run: () => Promise<Done | void>): Promise<Done> {
    let result: Done;
    try {
      result = (await run()) ?? { ok: true };
    } catch (err) {
      return failed(err);
    }
    await get().loadNotes();
    await get().refreshLearning();
    return result;
  }

  return {
    notes: [],
    rules: [],
    flags: [],
    notesLoad: 'idle',
    notesError: null,
    pendingImport: null,
    async loadNotes() {
      set({ notesLoad: get().notesLoad === 'ready' ? 'ready' : 'loading' });
      try {
        const d = database();
        const [notes, rules, flags] = await Promise.all([listNotes(d), seedDefaultRules(d), listFeedback(d)]);
        set({ notes, rules, flags, notesLoad: 'ready', notesError: null });
      } catch (err) {
        set({ notesLoad: 'failed', notesError: `Loupe could not load notes and rules: ${text(err)}` });
      }
    },
    saveNote: (input, id) => change(async () => {
      if (id === undefined) await addNote(database(), input);
      else await updateNote(database(), id, input);
    }),
    removeNote: (id) => change(() => deleteNote(database(), id)),
    saveRule: (rule, previous) => change(async () => {
      const r = await changeRules(database(), previous === undefined ? { type: 'add', rule } : { type: 'update', name: previous, rule }, PERSON, new Date().toISOString());
      return r.ok ? { ok: true } : { ok: false, error: r.error };
    }),
    removeRule: (name) => change(async () => {
      const r = await changeRules(database(), { type: 'remove', name }, PERSON, new Date().toISOString());
      return r.ok ? { ok: true } : { ok: false, error: r.error };
    }),
    flagFinding: (finding, kind, comment) => change(async () => {
      const snapshot = get().snapshot;
      if (!snapshot) return { ok: false, error: 'Read the dashboard first.' };
      const chart = snapshot.charts.find((c) => c.id === finding.chartId);
      await addFeedback(database(), {
        dashboard: dashboardKey(snapshot.url), targetKey: triageKey(snapshot, finding), target: 'finding', kind, comment,
        quote: finding.title, chartId: finding.chartId, ...(chart?.title ? { chartTitle: chart.title } : {}),
        series: finding.series, at: finding.at, actor: 'you',
      });
    }),
    removeFlag: (id) => change(() => deleteFeedback(database(), id)),
    exportNotesFile(now = new Date().toISOString()) {
      return exportNotes(get().notes, get().rules, now);
    },
    previewNotesImport(fileName, text) {
      set({ pendingImport: { fileName, preview: previewImport(text, { notes: get().notes, rules: get().rules }) } });
    },
    async applyNotesImport() {
      const pending = get().pendingImport;
      if (!pending || pending.preview.errors.length) return { ok: false, error: 'There is nothing valid to import.' };
      const result = await change(async () => {
        const plan = applyImport(pending.preview, new Date().toISOString());
        if (plan.rules.length) {
          // One replace-all of the merged set: the imported rules land together or not at all.
          const byName = new Map(get().rules.map((r) => [r.name.toLowerCase(), r]));
          for (const r of plan.rules) byName.set(r.name.toLowerCase(), r);
          const merged = [...byName.values()].map(({ id: _id, ...r }) => r);
          const r = await changeRules(database(), { type: 'replace-all', rules: merged }, PERSON, new Date().toISOString());
          if (!r.ok) return { ok: false, error: r.error };
        }
        if (plan.notes.length) await saveNotes(database(), plan.notes);
      });
      if (result.ok) set({ pendingImport: null });
      return result;
    },
    cancelNotesImport: () => set({ pendingImport: null }),
  };
};

export type { NoteRow, FeedbackRow, Rule };
