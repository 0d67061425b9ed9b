import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './stack';

export const SCREENSHOTS = join(REPO_ROOT, 'dist', 'desk-screenshots');
export const WIDTHS = [1280, 768] as const;

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the screen as it is and fails on any serious or critical violation, naming each and where.
 * axe's source is evaluated through the browser's debugging protocol, which the page's policy does not govern.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
  )) as AxeViolation[];
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  if (serious.length) {
    const described = serious.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n  ')}`);
    throw new Error(`axe found ${serious.length} serious or critical violation(s) on ${where}:\n${described.join('\n')}`);
  }
}

/**
 * The Japanese text on screen is drawn in the self-hosted Noto Sans JP, not as tofu: the font's faces for that text
 * load, the text's elements ask for it, and the text measures differently from a rendering with fallback fonts only
 * (this machine has no Japanese system font, so a fallback draws boxes).
 */
export async function expectJapaneseRendered(page: Page, where: string): Promise<void> {
  const result = (await page.evaluate(`(async () => {
    await document.fonts.ready;
    const japanese = /[\\u3040-\\u30ff\\u3400-\\u9fff\\uff00-\\uffef]/;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const samples = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const element = node.parentElement;
      if (!text || !japanese.test(text) || !element || element.closest('[hidden]') || !element.getClientRects().length) continue;
      samples.push({ text, family: getComputedStyle(element).fontFamily });
    }
    const text = samples.map((s) => s.text).join('');
    const faces = text ? await document.fonts.load("16px 'Noto Sans JP'", text) : [];
    const canvas = document.createElement('canvas').getContext('2d');
    canvas.font = "16px 'Noto Sans JP', sans-serif";
    const withFont = canvas.measureText(text).width;
    canvas.font = "16px 'desk-no-such-font', sans-serif";
    const fallbackOnly = canvas.measureText(text).width;
    return {
      samples: samples.length,
      text: text.slice(0, 80),
      faces: faces.map((face) => face.status),
      notInNoto: samples.filter((s) => !s.family.includes('Noto Sans JP')).map((s) => s.text + ' [' + s.family + ']').slice(0, 5),
      withFont,
      fallbackOnly,
    };
  })()`)) as { samples: number; text: string; faces: string[]; notInNoto: string[]; withFont: number; fallbackOnly: number };
  const context = `${where} (${result.samples} Japanese texts, e.g. "${result.text}")`;
  if (result.samples === 0) throw new Error(`No Japanese text on ${where}: the desk labels its screens in Japanese`);
  if (result.faces.length === 0 || result.faces.some((status) => status !== 'loaded')) throw new Error(`Noto Sans JP faces did not load for ${context}: ${JSON.stringify(result.faces)}`);
  if (result.notInNoto.length) throw new Error(`Japanese text not set in Noto Sans JP on ${where}: ${result.notInNoto.join('; ')}`);
  if (Math.abs(result.withFont - result.fallbackOnly) < 1) throw new Error(`Japanese text on ${context} measures the same in Noto Sans JP as with fallback fonts only: it is not drawn in the web font`);
}

/** Screenshots of the screen at each width into dist/desk-screenshots/<journey>-<step>-<width>.png; returns their paths. */
export async function screenshots(page: Page, journey: string, step: string): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  const paths: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const path = join(SCREENSHOTS, `${journey}-${step}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    if (statSync(path).size < 5_000) throw new Error(`The screenshot ${path} is nearly empty`);
    paths.push(path);
  }
  if (original) await page.setViewportSize(original);
  return paths;
}

/** Every screen of a journey: the Japanese font, axe at both widths, and a screenshot at each. */
export async function checkScreen(page: Page, journey: string, step: string): Promise<void> {
  await expectJapaneseRendered(page, `${journey}/${step}`);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page, `${journey}/${step} at ${width} px`);
  }
  await screenshots(page, journey, step);
}
