import { ConfigError, parseConfig } from './config/env.ts';
import { startServer } from './server.ts';

// Whatever the server writes (the embedded database, the key file) is for this user only.
process.umask(0o077);

try {
  const config = parseConfig(process.env);
  const server = await startServer(config);
  const where = config.DATABASE_URL ? 'PostgreSQL' : `embedded PGlite in ${config.TCPA_DATA_DIR}`;
  console.log(`TCP Agent Platform control plane listening on ${server.url} (database: ${where})`);
  console.log(`API docs: ${server.url}/api/docs`);
  const stop = async (signal: NodeJS.Signals) => {
    console.log(`Stopping (${signal})…`);
    const started = performance.now();
    await server.close();
    console.log(`Stopped in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error('Failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
