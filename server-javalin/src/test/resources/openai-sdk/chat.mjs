// Calls the chat API exactly as an application using the official OpenAI SDK would, and prints what came back as one
// JSON line. The Java test (OpenAiSdkIT) starts the server, runs this and checks the output.
import OpenAI from "openai";

const client = new OpenAI({ baseURL: process.env.GATEWAY_URL + "/v1", apiKey: process.env.GATEWAY_KEY });

// No "stream" field: the SDK expects (and gets) one JSON answer.
const plain = await client.chat.completions.create({
  model: "grok-4.1-fast",
  messages: [{ role: "system", content: "Be brief" }, { role: "user", content: "Hi" }],
});

let content = "";
let reasoning = "";
let finish = null;
let usage = null;
const stream = await client.chat.completions.create({
  model: "grok-4.1-thinking",
  messages: [{ role: "user", content: "Capital of France?" }],
  stream: true,
  stream_options: { include_usage: true },
});
for await (const chunk of stream) {
  const choice = chunk.choices[0];
  if (choice) {
    content += choice.delta.content ?? "";
    reasoning += choice.delta.reasoning_content ?? "";
    finish = choice.finish_reason ?? finish;
  }
  if (chunk.usage) usage = chunk.usage;
}

let failure = null;
try {
  await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "x" }] });
} catch (error) {
  failure = { status: error.status, code: error.code, type: error.type, param: error.param };
}

const models = await client.models.list();

console.log(JSON.stringify({
  plain: { object: plain.object, content: plain.choices[0].message.content, finish: plain.choices[0].finish_reason,
    totalTokens: plain.usage.total_tokens },
  stream: { content, reasoning, finish, completionTokens: usage && usage.completion_tokens },
  failure,
  models: models.data.length,
}));
