import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerFrom } from '../../context.js';
import { AppError } from '../../errors.js';
import { resolveViewer } from '../auth/auth.service.js';
import { auditTable, incidentRecordTable, itemFilterFromParams, itemsTable, noticeTable, scoresTable, statisticsTable, toCsv, toXlsx, type Table } from './exports.js';
import { itemUnits, seesAssessment } from '../auth/policy.js';

const ALLOWED = ['OFFICE', 'LEADER', 'MAIN_LEADER', 'ADMIN'] as const;

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
}

/**
 * GET /exports/notice/<id>.(csv|xlsx), /exports/statistics.(csv|xlsx)?period=…,
 * /exports/scores.(csv|xlsx)?year=…&of=units|people, /exports/items.(csv|xlsx)?period=…&text=…&unitId=…&category=…&status=…&level=… (信息查询; what the viewer may read), /exports/incidents.(csv|xlsx)?period=… (事件台账; office and leaders), /exports/audit.(csv|xlsx)?from=2026-05&to=2026-11 (admin), with the bearer token in the Authorization
 * header (the web fetches and saves the blob, so tokens never sit in URLs).
 */
export async function handleExport(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
  const token = bearerFrom(headers);
  const viewer = token ? await resolveViewer(token) : null;
  if (!viewer) return send(res, 401, JSON.stringify({ code: 'auth/unauthenticated', message: '请先登录' }));
  if (!ALLOWED.some((r) => viewer.roles.has(r))) return send(res, 403, JSON.stringify({ code: 'auth/forbidden', message: '无权导出' }));
  const m = url.pathname.match(/^\/exports\/(notice\/([\w-]+)|statistics|scores|audit|incidents|items)\.(csv|xlsx)$/);
  if (!m) return send(res, 404, JSON.stringify({ code: 'not_found', message: '没有这个导出' }));
  let table: Table | null;
  try {
    if (m[2]) table = await noticeTable(m[2]);
    else if (m[1] === 'audit') {
      if (!viewer.roles.has('ADMIN')) return send(res, 403, JSON.stringify({ code: 'auth/forbidden', message: '只有管理员可以导出审计记录' }));
      table = await auditTable(url.searchParams.get('from'), url.searchParams.get('to'));
    } else if (m[1] === 'items') {
      const scope = itemUnits(viewer);
      if (scope !== 'ALL' && scope.length === 0) return send(res, 403, JSON.stringify({ code: 'auth/forbidden', message: '无权导出信息' }));
      table = await itemsTable(itemFilterFromParams(url.searchParams), viewer);
    } else if (m[1] === 'incidents') {
      if (!seesAssessment(viewer)) return send(res, 403, JSON.stringify({ code: 'auth/forbidden', message: '只有党政办和领导可以导出事件台账' }));
      table = await incidentRecordTable(url.searchParams.get('period') ?? '');
    } else {
      const of = url.searchParams.get('of') ?? 'units';
      if (of !== 'units' && of !== 'people') return send(res, 400, JSON.stringify({ code: 'input/invalid', message: '导出对象应为 units（各单位）或 people（信息员）' }));
      table = m[1] === 'statistics' ? await statisticsTable(url.searchParams.get('period') ?? '', of) : await scoresTable(Number(url.searchParams.get('year')), of);
    }
  } catch (err) {
    if (err instanceof AppError) return send(res, 400, JSON.stringify({ code: err.code, message: err.message }));
    throw err;
  }
  if (!table) return send(res, 404, JSON.stringify({ code: 'notice/not_found', message: '公示不存在' }));
  const ext = m[3]!;
  const body = ext === 'csv' ? Buffer.from(toCsv(table), 'utf8') : await toXlsx(table);
  res.writeHead(200, {
    'content-type': ext === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="export.${ext}"; filename*=UTF-8''${encodeURIComponent(table.title)}.${ext}`,
    'cache-control': 'no-store',
    'content-length': body.length,
  });
  res.end(body);
}
