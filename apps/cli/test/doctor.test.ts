/**
 * `gradkit doctor`: one row per execution provider with a verdict and a reason; `--json` puts one
 * object on the last stdout line; usable providers are probed by running a session.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');

function gradkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return gradkitEnv(process.env, ...args);
}

function gradkitEnv(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', main, ...args],
      { cwd: root, env, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('gradkit doctor', () => {
  it('--json: every provider with usable/reason, cpu probed ok, a recommendation', async () => {
    const run = await gradkit('doctor', '--json');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout.trimEnd().split('\n').pop()!);
    expect(r.providers.map((p: { name: string }) => p.name)).toEqual([
      'cuda',
      'tensorrt',
      'webgpu',
      'cpu',
      'wasm',
    ]);
    for (const p of r.providers) {
      expect(typeof p.usable).toBe('boolean');
      expect(p.reason.length).toBeGreaterThan(10);
      if (p.probe) expect(p.usable).toBe(p.probe.ok);
    }
    const cpu = r.providers.find((p: { name: string }) => p.name === 'cpu');
    expect(cpu).toMatchObject({ usable: true, probe: { ok: true } });
    expect(['cuda', 'tensorrt', 'webgpu', 'cpu']).toContain(r.recommended);
    expect(r.versions['onnxruntime-node']).toBe('1.30.0');
    expect(run.stderr).toContain('doctor: probing cpu');
  });

  it('prints a table with the fix for unusable providers; --no-probe starts no session', async () => {
    const run = await gradkit('doctor', '--no-probe');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('provider'))).toMatch(
      /^provider\s+runtime\s+usable\s+probe\s+why$/,
    );
    expect(lines.find((l) => l.startsWith('cpu'))).toMatch(
      /^cpu\s+onnxruntime-node\s+yes\s+-\s+bundled in onnxruntime-node/,
    );
    expect(run.stdout).toMatch(/recommended: --provider \S+/);
    expect(run.stderr).not.toContain('probing');
  });

  // Debian's Chromium ships SwiftShader, a software Vulkan driver, with a Vulkan loader: handed to
  // onnxruntime-node's WebGPU provider (Dawn on Vulkan), it stands in for a GPU
  const icd = '/usr/lib/chromium/vk_swiftshader_icd.json';
  const swiftshader =
    process.platform === 'linux' &&
    process.arch === 'x64' &&
    existsSync(icd) &&
    existsSync('/usr/lib/chromium/libvulkan.so.1');
  it.skipIf(!swiftshader)(
    'webgpu on a Vulkan driver named by VK_ICD_FILENAMES: usable, probed ok, recommended',
    async () => {
      const run = await gradkitEnv(
        { ...process.env, VK_ICD_FILENAMES: icd, LD_LIBRARY_PATH: '/usr/lib/chromium' },
        'doctor',
        '--json',
      );
      expect(run.code).toBe(0);
      const r = JSON.parse(run.stdout.trimEnd().split('\n').pop()!);
      const webgpu = r.providers.find((p: { name: string }) => p.name === 'webgpu');
      expect(webgpu).toMatchObject({ usable: true, probe: { ok: true } });
      expect(webgpu.reason).toContain(`driver manifest(s) ${icd} given by VK_ICD_FILENAMES`);
      expect(r.recommended).toBe('webgpu');
    },
  );
});
