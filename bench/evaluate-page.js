// The evaluation bench page: Atelier's API and ml-performance (CommonJS, loaded here by a tiny
// require shim, from this origin) on the same labels and scores. window.evalBench.run(what).

async function commonJs(files) {
  const modules = {};
  const require = (name) => modules[name.replace(/^\.\//, '')];
  for (const file of files) {
    const module = { exports: {} };
    const source = await (await fetch(`/node_modules/ml-performance/src/${file}.js`)).text();
    new Function('module', 'exports', 'require', source)(module, module.exports, require);
    modules[file] = module.exports;
  }
  return modules;
}

const atelier = await (await import('/api.js')).load();
const { index: Performance } = await commonJs(['measures', 'index']);
let y = null, scores = null;

window.evalBench = {
  async fetchData(url) {
    const buf = new Float64Array(await (await fetch(url)).arrayBuffer());
    const n = buf.length / 2;
    y = buf.subarray(0, n);
    scores = buf.subarray(n);
    return n;
  },
  async run(what) {
    const t0 = performance.now();
    let result;
    if (what === 'atelier') {
      const [roc, pr] = await Promise.all([atelier.roc(y, scores), atelier.pr(y, scores)]);
      result = { auc: roc.auc, ap: pr.average_precision };
    } else {
      // ml-performance works on matrices: one row of predictions against one row of targets;
      // getAURC() is its area under the ROC curve.
      const perf = new Performance([Array.from(scores)], [Array.from(y, Boolean)], { all: true, max: true });
      result = { auc: perf.getAURC() };
    }
    return { s: (performance.now() - t0) / 1000, result };
  },
};
window.evalReady = true;
