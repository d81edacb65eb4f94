import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
page.on('request', r => console.log('req', r.url().replace('file:///tmp/pdfsite/public','')));
await page.goto('file://' + process.argv[2]);
await page.waitForTimeout(500);
await browser.close();
