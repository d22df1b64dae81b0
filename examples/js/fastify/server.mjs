// #region readme
import Fastify from 'fastify';
import { Validator } from 'motion-validator';

const validator = new Validator({ profile: 'uppsala', lang: 'sv', stage: 'registration' });
const fastify = Fastify({ bodyLimit: 1024 * 1024 });
fastify.post('/motions', async (req, reply) => {
  const report = validator.validate(req.body);
  if (!report.valid) return reply.code(422).send(report);
  saveMotion(report.normalized);          // store the normalized form
  return reply.code(201).send(report);
});
// #endregion readme

// The README's Fastify portal, runnable: `node server.mjs` (PORT, HOST;
// default 127.0.0.1 and a free port, printed). Motions are kept in memory
// and listed at GET /motions.
const saved = [];
function saveMotion(motion) {
  saved.push(motion);
}
fastify.get('/motions', async () => saved);

const address = await fastify.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
console.log(`listening on ${address}/`);
