// npm install ./path/to/motion-validator/pkg
import init, { Validator } from 'motion-validator';
await init();                       // Vite serves the .wasm next to the glue
export const validator = new Validator({ profile: 'lund', lang: 'sv' });
