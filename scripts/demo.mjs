// `npm run demo`: installs everything, builds the dashboard, creates and seeds the
// SQLite database (only if it has no data yet), then starts the server.
import { install, pnpm, root, run, step } from './lib.mjs';
import path from 'node:path';

install();
step('构建值班室大屏 (web build)');
pnpm(['--filter', '@xinbao/web', 'build']);
step('创建数据库并生成演示数据 (migrate + seed)');
pnpm(['--filter', '@xinbao/prisma', 'seed', '--if-empty']);
step('启动服务 (server)');
console.log('打开 http://localhost:' + (process.env.PORT || 4000) + ' 查看值班室大屏；Ctrl+C 停止。');
run(path.join(root, 'server', 'node_modules', '.bin', 'tsx'), [path.join(root, 'server', 'src', 'main.ts')], {
  env: { NODE_ENV: process.env.NODE_ENV || 'production' },
});
