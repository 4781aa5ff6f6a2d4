// ml-pca's ES module imports the bare name 'ml-matrix', whose ES build re-exports a CommonJS
// file browsers cannot load. The bench page loads ml-matrix's UMD build (global `mlMatrix`) and
// maps 'ml-matrix' here with an import map. Same code, no bundler.
const m = globalThis.mlMatrix;
if (!m) throw new Error('ml-matrix UMD build not loaded (globalThis.mlMatrix missing)');
export const { Matrix, MatrixTransposeView, EVD, SVD, NIPALS } = m;
export default m;
