/** The run's summary for people: one line per file, then totals. Values appear masked only. */
import { ALL_DETECTORS } from '../detectors/registry.js';
import type { EntityType } from '../detectors/types.js';
import type { FileRedaction, RedactionReport } from './result.js';

const LABELS = new Map(ALL_DETECTORS.map((d) => [d.entity, d.label.ru]));

const STATUS: Readonly<Record<FileRedaction['status'], string>> = {
  redacted: 'обезличен',
  copied: 'скопирован',
  unchanged: 'без изменений',
  skipped: 'пропущен',
  error: 'ошибка',
};

export function renderRedactionTable(report: RedactionReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    const head = `${STATUS[f.status].padEnd(13)} ${f.path}${f.output ? ` → ${f.output}` : ''}`;
    lines.push(head);
    if (f.error) lines.push(`    ${f.error}`);
    const types = Object.entries(f.byType) as Array<[EntityType, { operator: string; count: number }]>;
    if (types.length) lines.push(`    ${types.map(([t, v]) => `${LABELS.get(t) ?? t}: ${v.count} (${v.operator})`).join('; ')}`);
    const v = f.verification;
    if (v) {
      lines.push(
        v.residual + v.leaked === 0
          ? `    проверка копии: остатков нет`
          : `    проверка копии: ОСТАЛОСЬ ${v.residual} находок, ${v.leaked} исходных значений в тексте` +
              (v.residualFindings?.length ? ` (${v.residualFindings.map((r) => `${r.type} ${r.masked}`).join(', ')})` : ''),
      );
    }
    for (const n of f.notes) lines.push(`    примечание: ${n}`);
    for (const w of f.warnings ?? []) lines.push(`    предупреждение: ${w}`);
  }
  const s = report.summary;
  lines.push('');
  lines.push(
    `${report.dryRun ? 'Пробный запуск (ничего не записано): ' : ''}файлов ${s.files}: обезличено ${s.redacted}, скопировано ${s.copied}` +
      `${s.unchanged ? `, без изменений ${s.unchanged}` : ''}, пропущено ${s.skipped}, ошибок ${s.errors}; заменено значений ${s.values}.`,
  );
  lines.push(s.residual + s.leaked === 0 ? 'Проверка копий: персональных данных не осталось.' : `Проверка копий: в ${s.unverified} файлах остались персональные данные.`);
  return lines.join('\n') + '\n';
}
