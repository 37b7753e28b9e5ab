// Render build/icon.svg to build/icon.png (1024×1024, transparent corners) in the
// Chromium the browser finder returns. electron-builder derives the macOS .icns and the Windows .ico from the PNG.
// Run it after changing the SVG: node scripts/make-icon.mjs
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chromiumLaunchOptions } from './find-chromium.mjs';

const svg = readFileSync('build/icon.svg', 'utf8');
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
await page.setContent(
  `<style>html,body{margin:0;background:transparent}svg{display:block;width:1024px;height:1024px}</style>${svg}`,
);
await page.screenshot({ path: 'build/icon.png', omitBackground: true });
await browser.close();
console.log('wrote build/icon.png');
