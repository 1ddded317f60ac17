// `npm run demo`: installs everything, builds the dashboard, creates and seeds the
// SQLite database (only if it has no data yet), then starts the server.
import { install, pnpm, root, run, step } from './lib.mjs';
import path from 'node:path';

install();
step('构建值班室大屏 (web build)');
pnpm(['--filter', '@xinbao/web', 'build']);
step('创建数据库并生成演示数据 (migrate + seed)');
pnpm(['--filter', '@xinbao/prisma', 'seed', '--if-empty']);
step('签发值班室大屏令牌 (display token)');
pnpm(['--filter', '@xinbao/server', 'display:token']);
step('启动服务 (server)');
console.log('用上面的地址打开值班室大屏；其他人员在 http://localhost:' + (process.env.PORT || 4000) + '/login 登录（演示密码 xinbao-demo）。Ctrl+C 停止。');
run(path.join(root, 'server', 'node_modules', '.bin', 'tsx'), [path.join(root, 'server', 'src', 'main.ts')], {
  env: { NODE_ENV: process.env.NODE_ENV || 'production' },
});
