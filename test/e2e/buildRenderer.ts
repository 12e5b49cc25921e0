/**
 * Builds the renderer the way `electron-vite build` does (its own config resolution, so the same
 * base, target, plugins and minification) but only the renderer, and into a directory of the
 * caller's choosing: the e2e tests need the page, not the main process or preload bundles, and
 * must not overwrite out/renderer under a harness someone is using.
 */
import { resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';

export async function buildRenderer(outDir: string): Promise<void> {
  const resolved = await resolveConfig({ configFile: resolve('electron.vite.config.ts'), logLevel: 'warn' }, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (renderer === undefined) throw new Error('electron.vite.config.ts has no renderer build');
  await build({ ...renderer, configFile: false, logLevel: 'warn', build: { ...renderer.build, outDir, emptyOutDir: true } });
}
