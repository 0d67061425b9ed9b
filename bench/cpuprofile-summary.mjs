#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time and the most total
// time (self plus what they call), with where they are defined.
// Usage: node bench/cpuprofile-summary.mjs <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMain } from './bench-kit.mjs';

export function summariseProfile(profile, top = 15) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const interval = new Map();
  // Each sample's time is the gap to the next one.
  for (let i = 0; i < profile.samples.length; i += 1) {
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    interval.set(profile.samples[i], (interval.get(profile.samples[i]) ?? 0) + delta);
  }
  const total = [...interval.values()].reduce((s, v) => s + v, 0);
  const label = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'} ${where}`.trim();
  };
  const self = new Map();
  const inclusive = new Map();
  for (const [id, ms] of interval) {
    const key = label(byId.get(id));
    self.set(key, (self.get(key) ?? 0) + ms);
    // A function counted once per sample even when it recurses.
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at));
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const rank = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms, share: ms / total }));
  return { totalMs: total, bySelf: rank(self), byTotal: rank(inclusive) };
}

if (isMain(import.meta.url)) {
  const [file, top = '15'] = process.argv.slice(2);
  if (!file) throw new Error('usage: node bench/cpuprofile-summary.mjs <file.cpuprofile> [top]');
  const { totalMs, bySelf, byTotal } = summariseProfile(JSON.parse(readFileSync(file, 'utf8')), Number(top));
  const show = (title, rows) => {
    console.log(`\n${title}`);
    for (const { name, ms, share } of rows) console.log(`${ms.toFixed(0).padStart(8)} ms ${(share * 100).toFixed(1).padStart(5)} %  ${name}`);
  };
  console.log(`profiled: ${(totalMs / 1000).toFixed(1)} s`);
  show('by self time', bySelf);
  show('by total time (self and callees)', byTotal);
}
