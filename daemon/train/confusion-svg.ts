// The confusion matrix as a standalone SVG: rows are true classes, columns predictions,
// each cell shaded by its share of the row (recall on the diagonal), with the count in it.
import type { ClassMetrics } from './metrics.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function confusionSvg(r: Pick<ClassMetrics, 'confusion' | 'uar' | 'wa'> & { classes: string[]; protocol?: string; model?: string }): string {
  const n = r.classes.length;
  const cell = 56, left = 110, top = 90;
  const w = left + n * cell + 20, h = top + n * cell + 50;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${esc(`${r.model ?? 'model'}, ${r.protocol ?? ''}: UAR ${(r.uar * 100).toFixed(1)}%, WA ${(r.wa * 100).toFixed(1)}%`)}</text>`,
    `<text x="${left + (n * cell) / 2}" y="40" text-anchor="middle">predicted</text>`,
    `<text x="20" y="${top + (n * cell) / 2}" transform="rotate(-90 20 ${top + (n * cell) / 2})" text-anchor="middle">true</text>`,
  ];
  r.classes.forEach((c, j) => {
    out.push(`<text x="${left + j * cell + cell / 2}" y="${top - 8}" text-anchor="end" transform="rotate(-40 ${left + j * cell + cell / 2} ${top - 8})">${esc(c)}</text>`);
  });
  r.confusion.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    out.push(`<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${esc(r.classes[i])}</text>`);
    row.forEach((count, j) => {
      const share = count / total;
      // Diagonal in blue, confusions in red: the eye finds both at once.
      const hue = i === j ? 210 : 0;
      const light = Math.round(97 - share * 55);
      out.push(
        `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="hsl(${hue},70%,${light}%)" stroke="#ccc"/>`,
        `<text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 4}" text-anchor="middle" fill="${light < 60 ? 'white' : 'black'}">${count}</text>`,
      );
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
