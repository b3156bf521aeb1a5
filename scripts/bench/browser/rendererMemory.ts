// Renderer memory: the JS heap in use after a full GC (Chrome DevTools Protocol
// Performance.getMetrics, JSHeapUsedSize), and the resident size of the renderer process.
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export async function jsHeapUsedAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
    if (used === undefined) throw new Error('Performance.getMetrics returned no JSHeapUsedSize');
    return used;
  } finally {
    await cdp.detach();
  }
}

interface ProcessInfo {
  readonly pid: number;
  readonly cmdline: string;
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      found.push({ pid: Number(name), cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // The process ended while we looked: it is not one of ours that matters.
    }
  }
  return found;
}

/**
 * Resident set size (bytes) of the largest renderer process of the Chromium started with this
 * profile directory (the page's renderer), or null where /proc is not available.
 */
export function rendererRss(profileDir: string): number | null {
  let all: ProcessInfo[];
  try {
    all = processes();
  } catch {
    return null;
  }
  const renderers = all.filter((p) => p.cmdline.includes('--type=renderer') && p.cmdline.includes(`--user-data-dir=${profileDir}`));
  let largest: number | null = null;
  for (const renderer of renderers) {
    try {
      const status = readFileSync(`/proc/${renderer.pid}/status`, 'utf8');
      const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
      if (Number.isFinite(kb)) largest = Math.max(largest ?? 0, kb * 1024);
    } catch {
      // Gone already.
    }
  }
  return largest;
}
