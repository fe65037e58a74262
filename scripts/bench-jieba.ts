// What the segmenter costs, the TypeScript port (pipeline/lexicon/segmenter) against nodejieba:
// resident memory and V8 heap after loading the dictionary, each in a fresh process and measured
// against the same process before loading; load time; tagging throughput over a list of strings (no memo); and, with
// --diff, how many of those strings the two tag differently.
//
//   npx tsx scripts/bench-jieba.ts [--strings FILE] [--rounds N] [--diff]
//
// FILE: one string per line (.txt) or one JSON string per line (.jsonl);
// default fixtures/lexicon/tagged-strings.txt. nodejieba is a devDependency, needed here only.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type Impl = 'none' | 'port' | 'nodejieba';
interface TaggedWord { word: string; tag: string }
interface Sample { impl: Impl; rssMiB: number; heapMiB: number; maxRssMiB: number; loadMs: number; tagMs: number; strings: number; chars: number }

const MiB = 1024 * 1024;
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const stringsFile = opt('--strings') ?? fileURLToPath(new URL('../fixtures/lexicon/tagged-strings.txt', import.meta.url));
const rounds = Number(opt('--rounds') ?? 3);

function readStrings(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  return file.endsWith('.jsonl') ? lines.map((l) => JSON.parse(l) as string) : lines;
}

function userDict(): string {
  return fileURLToPath(new URL('../pipeline/lexicon/user.dict.utf8', import.meta.url));
}

async function loader(impl: Impl): Promise<() => (s: string) => TaggedWord[]> {
  if (impl === 'port') {
    const { loadSegmenter } = await import('../pipeline/lexicon/segmenter/index.ts');
    return () => loadSegmenter({ userDicts: [userDict()] }).tag;
  }
  if (impl === 'nodejieba') {
    const nj = createRequire(import.meta.url)('nodejieba') as { load(o: object): void; tag(s: string): TaggedWord[] };
    return () => {
      nj.load({ userDict: userDict() });
      return (s) => nj.tag(s);
    };
  }
  return () => () => [];
}

async function child(impl: Impl): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const load = await loader(impl);
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const tag = load();
  const loadMs = performance.now() - t0;
  gc();
  const after = process.memoryUsage();
  const strings = readStrings(stringsFile); // read after the memory is measured, so it is not counted
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++) for (const s of strings) tag(s);
  const tagMs = (performance.now() - t1) / rounds;
  const sample: Sample = {
    impl,
    rssMiB: (after.rss - before.rss) / MiB,
    heapMiB: (after.heapUsed - before.heapUsed) / MiB,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    loadMs,
    tagMs,
    strings: strings.length,
    chars: strings.reduce((n, s) => n + s.length, 0),
  };
  process.stdout.write(JSON.stringify(sample));
}

async function diff(): Promise<void> {
  const strings = readStrings(stringsFile);
  const port = (await loader('port'))();
  const nj = (await loader('nodejieba'))();
  let differ = 0;
  for (const s of strings) {
    if (JSON.stringify(port(s)) !== JSON.stringify(nj(s))) {
      if (differ < 5) console.log('differs:', JSON.stringify(s.slice(0, 80)));
      differ++;
    }
  }
  console.log(`${differ} of ${strings.length} strings tagged differently`);
}

function run(impl: Impl): Sample {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', impl, ...args], { encoding: 'utf8' });
  return JSON.parse(out) as Sample;
}

const childImpl = opt('--child') as Impl | undefined;
if (childImpl) {
  await child(childImpl);
} else {
  const samples = (['none', 'port', 'nodejieba'] as const).map(run);
  const floor = samples[0].maxRssMiB;
  console.log(`strings: ${samples[0].strings} (${samples[0].chars} characters) from ${stringsFile}; throughput is the mean of ${rounds} rounds`);
  console.log('impl        load ms  RSS after load  heap after load  peak RSS (empty process: ' + floor.toFixed(0) + ' MiB)  tag ms/round  chars/s');
  for (const s of samples.slice(1)) {
    console.log(
      `${s.impl.padEnd(10)} ${s.loadMs.toFixed(0).padStart(8)} ${(s.rssMiB.toFixed(1) + ' MiB').padStart(15)} ${(s.heapMiB.toFixed(1) + ' MiB').padStart(16)} ${(s.maxRssMiB.toFixed(0) + ' MiB').padStart(10)}` +
        `${s.tagMs.toFixed(0).padStart(42)} ${Math.round((s.chars / s.tagMs) * 1000).toString().padStart(9)}`,
    );
  }
  if (args.includes('--diff')) await diff();
}
