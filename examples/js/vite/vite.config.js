// The app's validator module waits for the WebAssembly with a top-level
// await: es2022 lets every Vite version build it (Vite 5 and 6 default to
// es2020 browsers, which have none).
export default {
  build: { target: 'es2022' },
};
