// Calls the gateway exactly as an application using the official OpenAI SDK would, and prints what came back as one
// JSON line. The Java test (OpenAiSdkImagesIT) starts the server, runs this and checks the output.
import OpenAI from "openai";

const client = new OpenAI({ baseURL: process.env.GATEWAY_URL + "/v1", apiKey: process.env.GATEWAY_KEY });

const b64 = await client.images.generate({
  model: "grok-imagine-1.0",
  prompt: "a red fox in the snow",
  response_format: "b64_json",
});
const url = await client.images.generate({
  model: "grok-imagine-1.0",
  prompt: "a red fox in the snow",
  n: 2,
  size: "1024x1024",
  response_format: "url",
});
const events = [];
const stream = await client.images.generate({
  model: "grok-imagine-1.0",
  prompt: "a red fox in the snow",
  stream: true,
  response_format: "b64_json",
});
for await (const event of stream) {
  events.push({ type: event.type, index: event.index, hasImage: (event.b64_json ?? "").length > 0 });
}
let failure = null;
try {
  await client.images.generate({ model: "grok-imagine-1.0", prompt: "x", n: 11 });
} catch (error) {
  failure = { status: error.status, code: error.code, type: error.type, param: error.param };
}

console.log(JSON.stringify({
  b64: { count: b64.data.length, b64_json: b64.data[0].b64_json, created: b64.created },
  url: { urls: url.data.map((image) => image.url) },
  events,
  failure,
}));
