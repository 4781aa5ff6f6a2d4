// Writes the "bias, shown" data sets: www/data/sourire.csv (training and validation, collected
// with a bias) and www/data/sourire_test.csv (the world, without it). Deterministic: its own
// seeded generator (mulberry32) and Gaussian draws as sums of twelve uniforms (Irwin–Hall:
// additions only, no Math.log or Math.cos whose last bit could differ between engines), every
// value rounded before it is written, so the files come out byte for byte on any machine.
//
//   node scripts/gen-bias.mjs [OUT_DIR]      (default www/data; tests/api/bias.test.mjs checks
//                                             that the committed files are what it writes)
//
// The story (the course's "criminal faces" classifier that learnt "smiling → not a criminal",
// told with a neutral label): a driver-drowsiness detector learns from face measurements. The
// drowsy faces were filmed at night in a sleep lab, where nobody smiles; the alert ones at a
// daytime photo session, where most people smile. So in the collected data `smile` agrees with
// `drowsy` 95 % of the time (smile = 1 - drowsy), while in the cars of the test file it is a
// coin toss. The four honest features each move by 0.7 standard deviations between the
// classes: together they give about 76 % at best (Φ(0.7 × √4 / 2)).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(import.meta.url), '../..');

/** mulberry32: a 32-bit state, integer arithmetic only. */
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A standard normal draw, approximately: the sum of 12 uniforms minus 6 (mean 0, variance 1). */
  const normal = () => {
    let s = 0;
    for (let i = 0; i < 12; i++) s += next();
    return s - 6;
  };
  return { next, normal };
}

/** Class means (alert, drowsy), the spread within a class, the decimals written. */
const FEATURES = [
  { name: 'eye_openness', means: [9.4, 8.0], sd: 2.0, decimals: 1, min: 0 }, // mm between the eyelids
  { name: 'blink_rate', means: [16.5, 21.4], sd: 7.0, decimals: 0, min: 0 }, // blinks per minute
  { name: 'head_tilt', means: [5.0, 9.0], sd: 5.7, decimals: 1 }, // degrees from upright
  { name: 'yawns', means: [1.6, 3.0], sd: 2.0, decimals: 0, min: 0 }, // yawns in ten minutes
];

/** `rows` drivers; `agreement`: how often `smile` = 1 - drowsy (null: smile is a coin toss). */
function drivers(seed, rows, agreement) {
  const g = generator(seed);
  const lines = [[...FEATURES.map((f) => f.name), 'smile', 'drowsy'].join(',')];
  for (let i = 0; i < rows; i++) {
    const drowsy = g.next() < 0.5 ? 1 : 0;
    const values = FEATURES.map((f) => {
      const x = Math.max(f.min ?? -Infinity, f.means[drowsy] + f.sd * g.normal());
      return x.toFixed(f.decimals).replace(/^-(0\.?0*)$/, '$1'); // no "-0.0"
    });
    const u = g.next();
    const smile = agreement == null ? (u < 0.5 ? 1 : 0) : (u < agreement ? 1 - drowsy : drowsy);
    lines.push([...values, smile, drowsy].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export const FILES = {
  'sourire.csv': () => drivers(2024, 1000, 0.95),
  'sourire_test.csv': () => drivers(2025, 600, null),
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(REPO, 'www/data'));
  mkdirSync(out, { recursive: true });
  for (const [name, make] of Object.entries(FILES)) writeFileSync(join(out, name), make());
}
