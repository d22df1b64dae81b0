// #region readme
import express from 'express';
import { Validator } from 'motion-validator';

const validator = new Validator({ profile: 'uppsala', lang: 'sv', stage: 'registration' });
const app = express();
app.post('/motions', express.json({ limit: '1mb' }), (req, res) => {
  const report = validator.validate(req.body);
  if (!report.valid) return res.status(422).json(report);
  saveMotion(report.normalized);          // store the normalized form
  res.status(201).json(report);
});
// #endregion readme

// The README's portal, runnable: `node server.mjs` (PORT, HOST; default
// 127.0.0.1 and a free port, printed). Motions are kept in memory and
// listed at GET /motions.
const saved = [];
function saveMotion(motion) {
  saved.push(motion);
}
app.get('/motions', (req, res) => res.json(saved));

const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`listening on http://${address}:${port}/`);
});
