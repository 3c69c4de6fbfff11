import type {
  ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam, ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ChatMessage, ChatRequest } from './types';

// The one place a ChatRequest becomes the JSON body of POST {baseUrl}/chat/completions. The OpenAI
// provider sends exactly this, and describeRequest shows exactly this, so "Show what will be sent"
// cannot drift from what is sent. Only messages, tools, model and sampling go out: `request.local`
// (the offline engine's objects) never does, and neither does the key (it is a header).

export type WireBody = ChatCompletionCreateParamsStreaming;

function wireMessage(m: ChatMessage): ChatCompletionMessageParam {
  switch (m.role) {
    case 'system':
    case 'user':
      return { role: m.role, content: m.content };
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    case 'assistant':
      return m.toolCalls?.length
        ? { role: 'assistant', content: m.content, tool_calls: m.toolCalls.map((c) => ({
          id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) }
        : { role: 'assistant', content: m.content ?? '' };
  }
}

export function toWireBody(request: ChatRequest, model: string): WireBody {
  const body: WireBody = {
    model,
    messages: request.messages.map(wireMessage),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (request.tools?.length) {
    body.tools = request.tools.map((t): ChatCompletionTool => ({
      type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  return body;
}

/** `${baseUrl}/chat/completions` with exactly one slash, as the SDK builds it. */
export function chatUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}
