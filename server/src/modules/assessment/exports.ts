import ExcelJS from 'exceljs';
import { db } from '../../db.js';
import { cstParts, isUnderWay } from '../period/period.rules.js';
import { adoptionRate } from '../stats/stats.rules.js';
import { statistics, yearScores } from './assessment.service.js';
import { scoreRules } from './assessment.rules.js';
import { incidentRecord } from '../incident/accountability.service.js';
import { parsePeriodOrThrow } from '../stats/stats.service.js';
import { UNIT_KIND_LABEL } from '../unit/unit-kind.js';
import { AppError } from '../../errors.js';
import type { Viewer } from '../../context.js';
import type { AdoptionLevel, ItemCategory, ItemStatus } from '../../generated/sqlite/enums.js';
import { CATEGORY_LABEL, CHANNEL_LABEL, LEVEL_NAME, STATUS_LABEL } from '../item/item-labels.js';
import { visibleItemsWhere, type ItemFilter } from '../item/item.service.js';


/** A table ready for CSV and XLSX alike: Chinese headers, then rows of plain values. */
export interface Table {
  title: string;
  subtitle: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Columns holding a fraction to show as a percentage. */
  percentColumns?: number[];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 2026-12-01 10:00 in China Standard Time. */
export function cstDateTime(d: Date): string {
  const p = cstParts(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const yesNo = (b: boolean | null) => (b === null ? '—' : b ? '是' : '否');

export async function noticeTable(id: string): Promise<Table | null> {
  const n = await db().monthlyNotice.findUnique({ where: { id }, include: { rows: { orderBy: { sortOrder: 'asc' } } } });
  if (!n) return null;
  const [y, m] = n.month.split('-');
  const state = n.status === 'PUBLISHED' ? `发布于 ${cstDateTime(n.publishedAt!)}` : '草稿（未发布）';
  return {
    title: `${y}年${Number(m)}月信息上报公示`,
    subtitle: `第 ${n.revision} 版 · ${state}${n.note ? ` · 更正说明：${n.note}` : ''}${n.quotaNote ? ` · ${n.quotaNote}` : ''}`,
    headers: ['序号', '单位', '类别', '报送条数', '采用条数', '采用率', '月度定额', '是否完成定额'],
    rows: n.rows.map((r, i) => [i + 1, r.unitName, UNIT_KIND_LABEL[r.unitKind], r.submitted, r.adopted, adoptionRate(r.submitted, r.adopted), r.quotaMinimum, yesNo(r.quotaMet)]),
    percentColumns: [5],
  };
}

export async function statisticsTable(period: string, of: 'units' | 'people' = 'units', now = new Date()): Promise<Table> {
  const s = await statistics(period);
  // a period still running is a snapshot: say when it was taken, so "否" reads as "not yet"
  const asOf = isUnderWay(s.period, now) ? `（截至 ${cstDateTime(now)}，本期尚未结束）` : '';
  const subtitle = `合计报送 ${s.submitted} 条，采用 ${s.adopted} 条，采用率 ${pct(s.adoptionRate)}${asOf}${s.quotaNote ? ` · ${s.quotaNote}` : ''}`;
  if (of === 'people') {
    return {
      title: `信息报送统计（${s.period.label}，信息员）`,
      subtitle,
      headers: ['名次', '信息员', '报送条数', '采用条数', '采用率'],
      rows: s.people.map((r) => [r.rank, r.name, r.submitted, r.adopted, r.adoptionRate]),
      percentColumns: [4],
    };
  }
  return {
    title: `信息报送统计（${s.period.label}）`,
    subtitle,
    headers: ['名次', '单位', '类别', '报送条数', '采用条数', '采用率', '定额', '是否完成定额'],
    rows: s.units.map((r) => [r.rank, r.name, r.unitKind ? UNIT_KIND_LABEL[r.unitKind] : '', r.submitted, r.adopted, r.adoptionRate, r.quotaMinimum, yesNo(r.quotaMet)]),
    percentColumns: [5],
  };
}

const INCIDENT_KIND = { NATURAL_DISASTER: '重大自然灾害', WORK_INJURY: '工伤事故', PUBLIC_SECURITY: '治安案件', SUDDEN_EVENT: '突发性事件' } as Record<string, string>;
const SEVERITY = { GENERAL: '一般（Ⅳ级）', LARGE: '较大（Ⅲ级）', MAJOR: '重大（Ⅱ级）', EXTRAORDINARY: '特别重大（Ⅰ级）' } as Record<string, string>;
const TIMELINESS = { ON_TIME: '按时报送', LATE: '迟报', CONCEALED: '漏报/瞒报' } as Record<string, string>;

/** 事件台账 for a period: every incident that happened in it, with the timeliness of its first county report. */
export async function incidentRecordTable(periodKey: string): Promise<Table> {
  const period = parsePeriodOrThrow(periodKey);
  const entries = await incidentRecord(period);
  const count = (t: string | null) => entries.filter((e) => e.timeliness === t).length;
  const overdue = entries.filter((e) => e.overdue).length;
  return {
    title: `突发事件台账（${period.label}）`,
    subtitle: `共 ${entries.length} 起：按时报送 ${count('ON_TIME')}，迟报 ${count('LATE')}，漏报/瞒报 ${count('CONCEALED')}，尚未报县 ${count(null)}${overdue ? `（其中已超 2 小时 ${overdue}）` : ''}`,
    headers: ['序号', '发生时间', '单位', '类别', '等级', '事件', '首次报县委办', '报送时效', '2小时时限到时经办人', '状态'],
    rows: entries.map((e, i) => [
      i + 1,
      cstDateTime(e.occurredAt),
      e.unit.name,
      INCIDENT_KIND[e.kind] ?? e.kind,
      SEVERITY[e.severity] ?? e.severity,
      e.title,
      e.firstCountyReportAt ? cstDateTime(e.firstCountyReportAt) : '未报',
      e.timeliness ? TIMELINESS[e.timeliness]! : e.overdue ? '尚未报县（已超2小时）' : '尚未报县',
      e.heldBy?.name ?? '',
      e.closedAt ? '已结' : '处置中',
    ]),
  };
}

/**
 * The year's scores of units (or of informants): one column per line of the scheme,
 * headed with its points (县级采用（5分/条）), holding the counts, then the total, so
 * every total can be checked by hand against the scheme.
 */
export async function scoresTable(year: number, of: 'units' | 'people' = 'units'): Promise<Table> {
  const s = await yearScores(year);
  const rules = scoreRules(s.scheme, of);
  return {
    title: `${year}年度信息工作考核得分（${of === 'units' ? '各单位' : '信息员'}）`,
    subtitle: '按考核办法计分；各列为条数或次数，括号内为每条（次）分值',
    headers: ['名次', of === 'units' ? '单位' : '信息员', ...rules.map((r) => `${r.label}（${r.rate}分/${r.per}）`), '总分'],
    rows: s[of].map((row) => {
      const counts = new Map(row.lines.map((l) => [l.rule, l.count]));
      return [row.rank, row.name, ...rules.map((r) => counts.get(r.rule) ?? 0), row.total];
    }),
  };
}

/** RFC 4180 CSV with a UTF-8 BOM, so Excel on a Chinese Windows PC opens it correctly. */
export function toCsv(t: Table): string {
  const cell = (v: string | number | null, col: number) => {
    let s = v === null ? '' : t.percentColumns?.includes(col) && typeof v === 'number' ? pct(v) : String(v);
    // text someone typed (a title, a body) that a spreadsheet would run as a formula is kept as text
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\ufeff' + [t.headers, ...t.rows].map((r) => r.map((v, i) => cell(v, i)).join(',')).join('\r\n') + '\r\n';
}

export async function toXlsx(t: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '信报 Xinbao';
  const ws = wb.addWorksheet(t.title.slice(0, 31), { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 } });
  ws.mergeCells(1, 1, 1, t.headers.length);
  ws.getCell(1, 1).value = t.title;
  ws.getCell(1, 1).font = { name: '宋体', size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, t.headers.length);
  ws.getCell(2, 1).value = t.subtitle;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(3);
  t.headers.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center' };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  t.rows.forEach((r, ri) => {
    const row = ws.getRow(4 + ri);
    r.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = v;
      if (t.percentColumns?.includes(i)) c.numFmt = '0.0%';
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  ws.columns.forEach((col, i) => (col.width = i === 1 ? 20 : t.headers[i] === '得分明细' ? 80 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The audit trail for a period (admin): every row with its hash, for archiving outside the system. */
export async function auditTable(fromKey: string | null, toKey: string | null): Promise<Table> {
  const { parsePeriodOrThrow } = await import('../stats/stats.service.js');
  const from = fromKey ? parsePeriodOrThrow(fromKey).start : new Date(0);
  const to = toKey ? parsePeriodOrThrow(toKey).end : new Date(8.64e15);
  const rows = await db().auditEntry.findMany({ where: { at: { gte: from, lt: to } }, orderBy: { id: 'asc' }, take: 200_000 });
  return {
    title: '审计记录',
    subtitle: `${fromKey ?? '最早'} 至 ${toKey ?? '现在'}，共 ${rows.length} 条`,
    headers: ['序号', '时间', '操作人', '角色', '地址', '操作', '对象类型', '对象', '修改前', '修改后', '哈希'],
    rows: rows.map((r) => [r.id, cstDateTime(r.at), r.actorId, r.actorRoles, r.address, r.action, r.entityType, r.entityId, r.before, r.after, r.hash]),
  };
}

/** 信息查询 as a sheet: at most this many items, the newest. */
export const ITEMS_EXPORT_CAP = 10_000;

function enumParam<T extends string>(params: URLSearchParams, name: string, labels: Record<T, string>, what: string): T | null {
  const value = params.get(name) || null;
  if (value === null) return null;
  if (!Object.hasOwn(labels, value)) throw new AppError('input/invalid', `${what}无效: ${value}`, { fields: [name] });
  return value as T;
}

/** The search of 信息查询 from an export's query string (the same names as `ItemFilter`). */
export function itemFilterFromParams(params: URLSearchParams): ItemFilter {
  return {
    period: params.get('period') || null,
    text: params.get('text') || null,
    unitId: params.get('unitId') || null,
    category: enumParam<ItemCategory>(params, 'category', CATEGORY_LABEL, '信息类别'),
    status: enumParam<ItemStatus>(params, 'status', STATUS_LABEL, '状态'),
    level: enumParam<AdoptionLevel>(params, 'level', LEVEL_NAME, '采用层级'),
  };
}

/**
 * The items a search finds, within what the viewer may read, newest first: one row
 * each with its whole text, for the clerk compiling a bulletin or answering a question.
 */
export async function itemsTable(filter: ItemFilter, viewer: Viewer): Promise<Table> {
  const where = visibleItemsWhere(filter, viewer);
  const period = filter.period ? parsePeriodOrThrow(filter.period) : null;
  const [total, items, unit] = await Promise.all([
    db().item.count({ where }),
    db().item.findMany({
      where,
      orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
      take: ITEMS_EXPORT_CAP,
      include: { unit: { select: { name: true } }, author: { select: { name: true } } },
    }),
    filter.unitId ? db().unit.findUnique({ where: { id: filter.unitId }, select: { name: true } }) : null,
  ]);
  const text = filter.text?.trim();
  const searched = [
    text ? `关键词「${text}」` : null,
    unit?.name ?? null,
    filter.category ? CATEGORY_LABEL[filter.category] : null,
    filter.status ? STATUS_LABEL[filter.status] : null,
    filter.level ? `${LEVEL_NAME[filter.level]}采用` : null,
  ].filter(Boolean);
  return {
    title: `信息查询结果（${period?.label ?? '全部时间'}）`,
    subtitle: `${searched.length ? `${searched.join(' · ')}；` : ''}共 ${total} 条${total > items.length ? `，导出最新的 ${items.length} 条` : ''}`,
    headers: ['序号', '报送时间', '单位', '类别', '标题', '正文', '会议主要内容', '报送渠道', '信息员', '状态', '采用层级'],
    rows: items.map((item, i) => [
      i + 1,
      cstDateTime(item.submittedAt),
      item.unit.name,
      CATEGORY_LABEL[item.category],
      item.title,
      item.body,
      item.meetingSummary ?? '',
      CHANNEL_LABEL[item.channel],
      item.author.name,
      STATUS_LABEL[item.status],
      item.adoptionLevel ? LEVEL_NAME[item.adoptionLevel] : '',
    ]),
  };
}
