import Fastify from 'fastify';

/** The baseline: a bare Fastify server answering a constant JSON object. */
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`READY ${address}`);
