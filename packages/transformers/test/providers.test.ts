/**
 * Execution-provider detection: every provider gets a verdict with a reason, the verdicts follow
 * the files present (provider libraries in onnxruntime-node's bin folder, the Vulkan loader), and
 * a probe really runs a session.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  detectProviders,
  EXECUTION_PROVIDERS,
  findSharedLibrary,
  ortNodeBinDir,
  probeProvider,
  providerStatus,
} from '../src/node.js';

const tmp = mkdtempSync(join(tmpdir(), 'gradkit-providers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('detectProviders', () => {
  const all = detectProviders();

  it('reports cuda, tensorrt, webgpu, cpu (onnxruntime-node) and wasm (onnxruntime-web), each with a reason', () => {
    expect(all.map((p) => p.name)).toEqual(['cuda', 'tensorrt', 'webgpu', 'cpu', 'wasm']);
    expect([...EXECUTION_PROVIDERS].sort()).toEqual(all.map((p) => p.name).sort());
    for (const p of all) expect(p.reason.length).toBeGreaterThan(10);
    expect(all.find((p) => p.name === 'cpu')!.usable).toBe(true);
    expect(all.find((p) => p.name === 'wasm')!.runtime).toBe('onnxruntime-web');
  });

  it('cuda/tensorrt need the provider libraries of ONNXRUNTIME_NODE_INSTALL=cuda12 in the bin folder', () => {
    const bin = ortNodeBinDir()!;
    expect(bin).toMatch(/onnxruntime-node[\\/]bin[\\/]napi-v6/);
    for (const name of ['cuda', 'tensorrt'] as const) {
      const status = all.find((p) => p.name === name)!;
      const hasLib =
        findSharedLibrary(`libonnxruntime_providers_${name}.so`, [bin]) ===
        join(bin, `libonnxruntime_providers_${name}.so`);
      if (!hasLib) {
        expect(status.usable).toBe(false);
        expect(status.reason).toContain(
          `libonnxruntime_providers_${name}.so and libonnxruntime_providers_shared.so are not in ${bin}`,
        );
        expect(status.reason).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12');
      }
    }
    // with the provider libraries present (empty stand-ins here), the next requirement is named
    writeFileSync(join(tmp, 'libonnxruntime_providers_cuda.so'), '');
    writeFileSync(join(tmp, 'libonnxruntime_providers_shared.so'), '');
    const cuda = detectProviders({ binDir: tmp }).find((p) => p.name === 'cuda')!;
    expect(cuda.reason).not.toContain('are not in');
    expect(cuda.found).toContain(join(tmp, 'libonnxruntime_providers_cuda.so'));
    if (!findSharedLibrary('libcuda.so.1')) {
      expect(cuda.usable).toBe(false);
      expect(cuda.reason).toBe(
        'the NVIDIA driver library libcuda.so.1 was not found (no NVIDIA driver installed)',
      );
    }
    const trt = detectProviders({ binDir: tmp }).find((p) => p.name === 'tensorrt')!;
    expect(trt.reason).toContain('libonnxruntime_providers_tensorrt.so');
  });

  it('webgpu on Linux needs the Vulkan loader', () => {
    const webgpu = all.find((p) => p.name === 'webgpu')!;
    if (process.platform === 'linux' && !findSharedLibrary('libvulkan.so.1')) {
      expect(webgpu.usable).toBe(false);
      expect(webgpu.reason).toContain('the Vulkan loader libvulkan.so.1 is missing');
    }
  });

  it('webgpu with Vulkan drivers named by VK_ICD_FILENAMES: usable without a device node, unusable when a manifest is missing', () => {
    if (
      process.platform !== 'linux' ||
      !all.some((p) => p.name === 'webgpu' && !p.reason.includes('has no WebGPU provider'))
    )
      return;
    // a stand-in loader (only its presence is checked) and manifest
    writeFileSync(join(tmp, 'libvulkan.so.1'), '');
    writeFileSync(join(tmp, 'icd.json'), '{}');
    const saved = { ld: process.env.LD_LIBRARY_PATH, icd: process.env.VK_ICD_FILENAMES };
    process.env.LD_LIBRARY_PATH = tmp;
    try {
      process.env.VK_ICD_FILENAMES = join(tmp, 'icd.json');
      const ok = detectProviders().find((p) => p.name === 'webgpu')!;
      expect(ok.usable).toBe(true);
      expect(ok.reason).toContain(`driver manifest(s) ${join(tmp, 'icd.json')} given by VK_ICD_FILENAMES`);
      process.env.VK_ICD_FILENAMES = `${join(tmp, 'icd.json')}:${join(tmp, 'nope.json')}`;
      const bad = detectProviders().find((p) => p.name === 'webgpu')!;
      expect(bad.usable).toBe(false);
      expect(bad.reason).toBe(
        `Vulkan driver manifest(s) ${join(tmp, 'nope.json')} named by VK_ICD_FILENAMES / VK_DRIVER_FILES do not exist`,
      );
    } finally {
      for (const [k, v] of [
        ['LD_LIBRARY_PATH', saved.ld],
        ['VK_ICD_FILENAMES', saved.icd],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });

  it('findSharedLibrary searches the given folders and LD_LIBRARY_PATH', () => {
    writeFileSync(join(tmp, 'libgradkit_test.so.1'), '');
    expect(findSharedLibrary('libgradkit_test.so.1')).toBe(null);
    expect(findSharedLibrary('libgradkit_test.so.1', [tmp])).toBe(join(tmp, 'libgradkit_test.so.1'));
    const saved = process.env.LD_LIBRARY_PATH;
    process.env.LD_LIBRARY_PATH = `/nonexistent:${tmp}`;
    try {
      expect(findSharedLibrary('libgradkit_test.so.1')).toBe(join(tmp, 'libgradkit_test.so.1'));
    } finally {
      if (saved === undefined) delete process.env.LD_LIBRARY_PATH;
      else process.env.LD_LIBRARY_PATH = saved;
    }
  });

  it('unknown names are unusable with the list of known providers', () => {
    expect(providerStatus('directml')).toMatchObject({
      usable: false,
      reason: 'unknown execution provider "directml"; expected one of cuda, tensorrt, webgpu, cpu, wasm',
    });
  });
});

describe('probeProvider', () => {
  it('runs a session on cpu and on onnxruntime-web wasm; reports the failure of an unusable provider', async () => {
    expect(await probeProvider('cpu')).toMatchObject({ ok: true });
    if (providerStatus('wasm').usable) expect(await probeProvider('wasm')).toMatchObject({ ok: true });
    if (!providerStatus('cuda').usable) {
      const r = await probeProvider('cuda');
      expect(r.ok).toBe(false);
      expect(r.error!.length).toBeGreaterThan(0);
    }
  });
});
