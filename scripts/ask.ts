// npm run -s ask -- <url|file> "<question>"
// Reads the page exactly as `npm run -s snapshot` does (the e2e build in headless Chromium), computes
// the evidence, asks the copilot in Node and checks every number of the answer against the evidence.
// Prints one JSON document on stdout and nothing else:
//   { answer, citations, unsupported, evidence, usage }
// citations: the ids the answer cites ([E3], [F1]); unsupported: numbers the verifier could not match,
// plus cited ids that exist nowhere;
// evidence: the cited evidence items (including any a tool added); usage: tokens, when the model said.
// The provider comes from the environment, offline when none is set:
//   LOUPE_BASE_URL or OPENAI_BASE_URL  an OpenAI-compatible server (needs LOUPE_MODEL)
//   OPENAI_API_KEY                     the key; alone, it means OpenAI itself
//   LOUPE_MODEL                        the model (OpenAI defaults to gpt-4o-mini)
// LOUPE_EXTENSION_DIR, when set, is an e2e build to use as is (tests); otherwise it is built when stale.
import { computeEvidence } from '../lib/evidence';
import { runCopilot } from '../lib/copilot/loop';
import { RedactionSettings } from '../lib/copilot/redact';
import { ProviderSettings, type ProviderSettingsInput } from '../lib/copilot/settings';
import { selectProvider } from '../lib/copilot/providers';
import { splitSentences } from '../lib/copilot/sentences';
import { verifyText } from '../lib/copilot/verify';
import { CliError, fail, readTarget } from './lib/read-target';

const USAGE = 'Usage: npm run -s ask -- <url|file> "<question>"';

/** Provider settings from the environment; a bad combination is a CliError naming the variable. */
function providerFromEnv(env: NodeJS.ProcessEnv): ProviderSettings {
  const baseUrl = env.LOUPE_BASE_URL || env.OPENAI_BASE_URL || undefined;
  const apiKey = env.OPENAI_API_KEY || undefined;
  const model = env.LOUPE_MODEL || undefined;
  const input: ProviderSettingsInput = baseUrl ? { provider: 'compatible', baseUrl, model, apiKey }
    : apiKey ? { provider: 'openai', model, apiKey }
    : { provider: 'offline' };
  const parsed = ProviderSettings.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path[0];
  const name = field === 'baseUrl' ? (env.LOUPE_BASE_URL ? 'LOUPE_BASE_URL' : 'OPENAI_BASE_URL') : field === 'model' ? 'LOUPE_MODEL' : 'OPENAI_API_KEY';
  const message = field === 'model' && !model ? 'Set LOUPE_MODEL to the model the server should use, e.g. llama3.1'
    : field === 'baseUrl' ? 'it must be a full http:// or https:// address, e.g. http://localhost:11434/v1' : issue.message;
  throw new CliError(`${name}: ${message}`, 2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) fail(USAGE, 0);
  const [target, question] = args.filter((a) => !a.startsWith('--'));
  if (!target || !question?.trim()) fail(`Give a page and a question.\n${USAGE}`, 2);

  // Settle the provider before opening a browser: a bad variable should fail in a second, not after a read.
  const settings = providerFromEnv(process.env);
  const provider = selectProvider(settings);
  const snapshot = await readTarget(target, USAGE);
  const { evidence, findings } = computeEvidence(snapshot);
  const result = await runCopilot({
    provider, snapshot,
    prompt: { question, snapshot, evidence, findings, redaction: RedactionSettings.parse({}) },
  });
  if (result.error && !result.answer.trim()) throw new CliError(`${provider.label}: ${result.error.message}`);
  if (result.error) throw new CliError(`${provider.label}: ${result.error.message}\nThe answer so far:\n${result.answer}`);

  const verified = verifyText(result.answer, result.evidence, { findings });
  const citations = [...new Set(splitSentences(result.answer).flatMap((s) => s.cites))];
  const cited = new Set(citations);
  for (const f of findings) if (cited.has(f.id)) f.evidenceIds.forEach((id) => cited.add(id));
  process.stdout.write(`${JSON.stringify({
    answer: result.answer,
    citations,
    unsupported: verified.unsupported + verified.unknownCitations.filter((id) => !verified.numbers.some((n) => n.cites.includes(id))).length,
    evidence: result.evidence.filter((e) => cited.has(e.id)),
    usage: result.usage ?? null,
  }, null, 2)}\n`);
}

main().catch((err: Error) => fail(err instanceof CliError ? err.message : `ask failed: ${err.message}`, err instanceof CliError ? err.exitCode : 1));
