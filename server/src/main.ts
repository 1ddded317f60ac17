import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { log } from './log.js';

try {
  const config = loadConfig();
  const app = await createApp(config);
  const port = await app.start();
  if (config.env !== 'test') console.log(`信报 Xinbao 已启动: http://localhost:${port}`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info('shutting down', { signal });
      app.stop().then(
        () => process.exit(0),
        (err) => {
          log.error('shutdown failed', { err });
          process.exit(1);
        },
      );
    });
  }
} catch (err) {
  if (err instanceof ConfigError) console.error(`配置错误 (configuration error): ${err.message}`);
  else console.error('启动失败 (start-up failed):', err);
  process.exit(1);
}
