// bench/load-tfjs.html: the wasm backend ready, a first tensor computed, then the mark.
tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
tf.setBackend('wasm').then(() => tf.ready()).then(() => {
  tf.tensor([1, 2, 3]).sum().dataSync();
  document.documentElement.dataset.ready = String(performance.now());
});
