// Level 4, "Learn": what people said, back as context and as changes to what is surfaced.
export { findingWhere, matchNotes, urlMatches, wildcard, type NoteMatch, type NoteQuery, type MatchedOn } from './match';
export { applyLearning, visibleFindings, youToldUs, NOTE_FACTOR, FEEDBACK_FACTOR, type LearningContext, type LearningResult } from './apply';
export { contradictions, proposalContradictions, type Contradiction, type ProposalWords, type ProposalText, type ActionKind } from './contradict';
export { promptNotes, citedLearning, type NoteCitation, type PromptLearning, type PromptNotesOptions } from './prompt';
export { exportNotes, previewImport, applyImport, NotesFile, type ImportPreview, type ImportItem, type ImportPlan } from './share';
export { samePeriod, periodCovers, mentionedDays, PERIOD_TOLERANCE } from './period';
export * from './schema';
