// The `webgpu` execution provider of onnxruntime-node (Dawn on Vulkan, bundled in the npm package's
// Linux x64 binary) run for real without a GPU: Debian's Chromium ships SwiftShader, a software
// Vulkan driver (/usr/lib/chromium/vk_swiftshader_icd.json, with a Vulkan loader beside it), which
// VK_ICD_FILENAMES hands to Dawn. In a child process (the loader reads the variables at start-up):
// detectProviders calls webgpu usable, a probe session runs, the ort backend asked for
// ['webgpu', 'cpu'] runs on webgpu with no fallback, and its logits equal the ts backend's to 1e-4
// with and without the cache (tiny PyTorch-made GPT-2 of tests/fixtures), same greedy tokens and beams.
// On a GPU machine the same path runs on the GPU's Vulkan driver (see README, "GPU execution providers").
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const LOADER_DIR = '/usr/lib/chromium';
const available =
  process.platform === 'linux' &&
  process.arch === 'x64' &&
  existsSync(ICD) &&
  existsSync(join(LOADER_DIR, 'libvulkan.so.1'));
const TINY = join(here, '..', '..', '..', 'tests', 'fixtures', 'tiny-gpt2');

describe('onnxruntime-node webgpu provider on a software Vulkan driver', () => {
  it.skipIf(!available)(
    "runs the ort backend on webgpu with the ts backend's logits (1e-4), greedy tokens and beams",
    async () => {
      const tmp = mkdtempSync(join(tmpdir(), 'gradkit-webgpu-'));
      try {
        const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>(
          (res) =>
            execFile(
              process.execPath,
              [
                '--conditions=@gradkit/source',
                '--import',
                'tsx',
                join(here, 'webgpu-node', 'child.ts'),
                TINY,
                join(tmp, 'tiny'),
              ],
              {
                env: { ...process.env, VK_ICD_FILENAMES: ICD, LD_LIBRARY_PATH: LOADER_DIR },
                maxBuffer: 1 << 24,
              },
              (e, out, err) => res({ stdout: out, stderr: err, code: e ? 1 : 0 }),
            ),
        );
        expect(code, stderr).toBe(0);
        const r = JSON.parse(stdout.trim().split('\n').pop()!);
        expect(r.status.usable).toBe(true);
        expect(r.status.reason).toContain('given by VK_ICD_FILENAMES');
        expect(r.probe.ok).toBe(true);
        expect(r.provider).toBe('ort:webgpu');
        expect(r.fallbacks).toEqual([]);
        expect(r.noCache).toBeLessThan(1e-4);
        expect(r.cached).toBeLessThan(1e-4);
        expect(r.greedy).toEqual(r.greedyTs);
        expect(r.beams).toEqual(r.beamsTs);
        console.log(
          `ort:webgpu (SwiftShader Vulkan): max |ort − ts| ${r.noCache.toExponential(2)} (no cache), ${r.cached.toExponential(2)} (cache)`,
        );
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  );
});
