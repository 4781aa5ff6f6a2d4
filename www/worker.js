// The worker: loads the wasm core, parses files with progress, holds the Dataset and answers
// questions about it. The main thread never blocks; a cancelled load terminates this worker.
import { load, openDataset } from './api.js';

const ready = load();
let current = null; // the Dataset of the last successful load

function summary(ds, dialect) {
  return {
    rows: ds.numRows(),
    columns: ds.numColumns(),
    dialect,
    target: ds.guessTarget() ?? null,
    idColumn: ds.idColumn() ?? null,
    info: ds.info(),
  };
}

function need() {
  if (!current) throw new Error('no data loaded');
  return current;
}

const ops = {
  // Workbooks go through api.js, which fetches the workbook module only when one arrives.
  async load({ bytes, options }, progress) {
    const { dataset, dialect } = await openDataset(bytes, options, progress);
    const result = summary(dataset, dialect); // if anything throws before here, the old data stays
    current?.free();
    current = dataset;
    return result;
  },
  info: () => need().info(),
  describe: () => need().describe(),
  head: ({ start, n }) => need().head(start, n),
  valueCounts: ({ column, dropna }) => need().valueCounts(column, dropna),
  flags: ({ classColumn }) => need().flags(classColumn ?? null),
};

function errorData(err) {
  return {
    message: err?.message ?? String(err),
    fr: err?.fr, en: err?.en, code: err?.code,
  };
}

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    await ready;
    const result = await ops[op](args ?? {}, (fraction) => postMessage({ id, progress: fraction }));
    postMessage({ id, ok: true, result });
  } catch (err) {
    postMessage({ id, ok: false, error: errorData(err) });
  }
};
