// `gradkit decode` (src/commands/decode.ts) on the offline default model: the --json
// contract, the strategies' options, and clear errors for bad input. Expected greedy tokens come
// from the PyTorch reference (tests/fixtures/tiny_gpt2_shakespeare.json).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDecode } from '../src/commands/decode.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ref = JSON.parse(
  readFileSync(join(root, 'tests', 'fixtures', 'tiny_gpt2_shakespeare.json'), 'utf8'),
) as { greedy_tokens: number[] };

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) =>
    execFile(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', join(root, 'apps/cli/src/main.ts'), ...args],
      { cwd: root },
      (e, stdout, stderr) => res({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr }),
    ),
  );
}

describe('gradkit decode', () => {
  it('--json: the last line is {text, tokens, logProb, provider}', async () => {
    const r = await cli([
      'decode',
      '--prompt',
      'Shall I compare thee',
      '--strategy',
      'greedy',
      '--max-new-tokens',
      '8',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(last.tokens).toEqual(ref.greedy_tokens.slice(0, 8));
    expect(last.text.startsWith('Shall I compare thee')).toBe(true);
    expect(last.provider).toBe('ts');
    expect(typeof last.logProb).toBe('number');
  });
  it("--backend ort / transformers give the ts backend's greedy tokens; an unusable --provider falls back with the reason", async () => {
    const r = await cli([
      'decode',
      '--backend',
      'ort',
      '--provider',
      'cuda,cpu',
      '--max-new-tokens',
      '8',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(last.provider).toBe('ort:cpu');
    expect(last.tokens).toEqual(ref.greedy_tokens.slice(0, 8));
    expect(r.stderr).toMatch(/running on cpu \(skipped cuda: /);
    const hf = await runDecode({ backend: 'transformers', maxNewTokens: 8 });
    expect(hf.provider).toBe('transformers.js:cpu');
    expect(hf.tokens).toEqual(ref.greedy_tokens.slice(0, 8));
  });
  it('bad input: one clear line on stderr, exit 1, no stack trace', async () => {
    const r = await cli(['decode', '--strategy', 'top-k', '--k', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/gradkit decode: generate: topK \(k\) must be an integer >= 1, received 0/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const o = await cli(['decode', '--backend', 'tensorflow', '--json']);
    expect(o.code).toBe(1);
    expect(JSON.parse(o.stdout.trim().split('\n').pop()!).error.message).toMatch(
      /--backend must be one of ts, ort, transformers, received "tensorflow"/,
    );
  });
  it('every strategy runs; beam search beats or ties greedy', async () => {
    const base = { prompt: 'When I do count the clock', maxNewTokens: 6 };
    const greedy = await runDecode({ ...base, strategy: 'greedy' });
    const beam = await runDecode({ ...base, strategy: 'beam', beams: 3 });
    expect(beam.beams).toHaveLength(3);
    expect(beam.logProb).toBeGreaterThanOrEqual(greedy.logProb - 1e-9);
    for (const o of [
      { strategy: 'sample' as const, temperature: 0.8 },
      { strategy: 'top-k' as const, k: 5 },
      { strategy: 'top-p' as const, p: 0.5 },
      { strategy: 'kth' as const, k: 1 },
    ]) {
      const r = await runDecode({ ...base, ...o, seed: 1 });
      expect(r.tokens).toHaveLength(6);
      expect(r.text.startsWith(base.prompt)).toBe(true);
    }
    const s1 = await runDecode({ ...base, strategy: 'sample', seed: 7 });
    const s2 = await runDecode({ ...base, strategy: 'sample', seed: 7 });
    expect(s1.tokens).toEqual(s2.tokens);
  });
  it('errors name the option or the file', async () => {
    await expect(runDecode({ strategy: 'top-p', p: 1.5 })).rejects.toThrow(
      /topP \(p\) must be in \(0, 1\], received 1.5/,
    );
    await expect(runDecode({ strategy: 'beam', beams: 0 })).rejects.toThrow(
      /numBeams \(beams\) must be an integer >= 1/,
    );
    await expect(runDecode({ strategy: 'greedy', beams: 3 })).rejects.toThrow(
      /--beams applies to --strategy beam/,
    );
    await expect(runDecode({ maxNewTokens: 200 })).rejects.toThrow(/prompt too long for the context/);
    await expect(runDecode({ model: '/nonexistent/model' })).rejects.toThrow(
      /--model \/nonexistent\/model: no such directory/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'gk-decode-'));
    await expect(runDecode({ model: dir })).rejects.toThrow(/config\.json is missing/);
    writeFileSync(join(dir, 'config.json'), '{"n_embd": 64');
    writeFileSync(join(dir, 'model.safetensors'), 'nope');
    await expect(runDecode({ model: dir })).rejects.toThrow(/config\.json is not valid JSON/);
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        model_type: 'gpt2',
        vocab_size: 50257,
        n_positions: 128,
        n_embd: 64,
        n_layer: 2,
        n_head: 4,
      }),
    );
    await expect(runDecode({ model: dir })).rejects.toThrow(
      /model\.safetensors has 4 bytes; expected an 8-byte header length/,
    );
  });
});
