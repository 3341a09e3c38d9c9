import { readFileSync } from 'node:fs';
import { readCacheBytes } from './tools/content-cache.ts';
const path = '/work/scratch/s100k/cache/content-de1089fa0ad9a459.bin';
const key = JSON.parse(readFileSync(path).subarray(16, 300).toString().split('\n')[0]).key;
for (let i = 0; i < 3; i++) { const t = performance.now(); const b = readFileSync(path); const t1 = performance.now(); const m = readCacheBytes(b, key); console.log('read', (t1 - t).toFixed(0), 'parse', (performance.now() - t1).toFixed(0), m.size); }
