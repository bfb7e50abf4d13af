// The web worker of a "Run it here" panel (play.js): it runs one step's
// program, compiled to WebAssembly by tools/playground, off the page's
// thread, so the page stays responsive, and a run is stopped by ending
// the worker. The program sends its console lines and its outcome through
// playSend (tools/playground/play); anything it prints (a panic, say) and
// its exit status come here too.
//
// In: {wasmExec, wasm, request}. Out: {kind: "line" | "outcome" | "error",
// data: JSON text}, {kind: "output", text}, {kind: "exit", code}.
'use strict';

self.onmessage = async (e) => {
  const { wasmExec, wasm, request } = e.data;
  try {
    importScripts(wasmExec);
    const decoder = new TextDecoder();
    // Go writes its stdout and stderr through fs.writeSync (wasm_exec.js
    // defines a stub that logs to the console): forward it instead.
    globalThis.fs.writeSync = (fd, buf) => {
      self.postMessage({ kind: 'output', text: decoder.decode(buf) });
      return buf.length;
    };
    self.playSend = (kind, json) => self.postMessage({ kind, data: json });
    const go = new Go();
    go.argv = ['play', '-test.run=^TestPlay$', '-play.request=' + JSON.stringify(request)];
    go.exit = (code) => self.postMessage({ kind: 'exit', code });
    const response = await fetch(wasm);
    if (!response.ok) throw new Error(`${wasm}: ${response.status} ${response.statusText}`);
    // Compiled from bytes rather than streamed: streaming needs the server
    // to label the file application/wasm, which not every one does.
    const { instance } = await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject);
    await go.run(instance);
  } catch (err) {
    self.postMessage({ kind: 'error', data: JSON.stringify(String(err && err.message || err)) });
  }
};
