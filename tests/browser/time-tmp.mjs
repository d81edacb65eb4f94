import { chromium } from 'playwright-core';
import fs from 'node:fs';
const site = process.argv[2];
const variant = process.argv[3] || 'tagged';
const pdfs = [];
(function walk(d){ for (const e of fs.readdirSync(d,{withFileTypes:true})) { const p=d+'/'+e.name; if (e.isDirectory()) walk(p); else if (p.endsWith('.pdf') && !p.endsWith('trio-haandbogen.pdf')) pdfs.push(p.replace(/\.pdf$/, '.html')); } })(site);
const htmls = pdfs.map(p => fs.existsSync(p) ? p : p.replace(/[^/]*\.html$/, 'index.html'));
const browser = await chromium.launch({ executablePath: process.env.CHR || '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ javaScriptEnabled: variant !== 'nojs' });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
let tl = 0, tp = 0;
const t0 = Date.now();
for (const h of htmls) {
  const a = Date.now();
  await page.goto('file://' + h);
  await page.evaluate(() => document.fonts.ready).catch(()=>{});
  const b = Date.now();
  await cdp.send('Page.printToPDF', { printBackground: true, preferCSSPageSize: true, generateTaggedPDF: variant !== 'untagged', generateDocumentOutline: variant !== 'untagged' });
  const c = Date.now();
  tl += b - a; tp += c - b;
}
console.log(variant, htmls.length, 'sheets: load', tl, 'ms print', tp, 'ms total', Date.now() - t0);
await browser.close();
