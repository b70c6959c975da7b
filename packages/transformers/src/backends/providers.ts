/**
 * Which ONNX Runtime execution providers can run on this machine, and why the others cannot.
 * Node only (it looks at files and devices). Used by the `ort` backend to choose a provider from
 * the caller's ordered list and by `gradkit doctor`.
 *
 * - `cpu`: always there (bundled in onnxruntime-node).
 * - `webgpu`: the Linux x64 / Windows / macOS binaries of onnxruntime-node contain the WebGPU
 *   provider (Dawn). On Linux it runs on Vulkan: it needs a Vulkan loader (`libvulkan.so.1`,
 *   Debian/Ubuntu package `libvulkan1`), a Vulkan driver for the GPU (NVIDIA's driver ships one;
 *   Mesa for AMD/Intel) and a GPU device node — or drivers named by `VK_ICD_FILENAMES` /
 *   `VK_DRIVER_FILES`, trusted without a device node (a software driver such as SwiftShader).
 * - `cuda`, `tensorrt`: not in the npm package; `ONNXRUNTIME_NODE_INSTALL=cuda12 pnpm install`
 *   (with onnxruntime-node's install script allowed) downloads `libonnxruntime_providers_cuda.so`,
 *   `libonnxruntime_providers_tensorrt.so` and `libonnxruntime_providers_shared.so` next to the
 *   binding. They also need an NVIDIA driver, CUDA 12 runtime libraries and cuDNN 9 (CUDA), and
 *   TensorRT 10 (`libnvinfer.so.10`) for TensorRT.
 * - `wasm`: onnxruntime-web's WebAssembly build (browsers, and Node for testing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GraphBuilder } from '../onnx/graph.js';
import { DataType } from '../onnx/schema.js';
import { importFailed, importOptional, isMissingModule } from '../optional.js';

/** Execution providers gradkit knows how to check and request. */
export const EXECUTION_PROVIDERS = ['cuda', 'tensorrt', 'webgpu', 'cpu', 'wasm'] as const;
/** An ONNX Runtime execution provider name (as in `SessionOptions.executionProviders`). */
export type ExecutionProviderName = (typeof EXECUTION_PROVIDERS)[number];

/** The availability of one execution provider and the reason. */
export interface ProviderStatus {
  name: ExecutionProviderName;
  /** `onnxruntime-node` or `onnxruntime-web`. */
  runtime: 'onnxruntime-node' | 'onnxruntime-web';
  /** Whether a session is expected to start with this provider on this machine. */
  usable: boolean;
  /** Why it is usable or not, in one sentence (with the fix when it is not). */
  reason: string;
  /** The files and devices that were found (paths), for the report. */
  found: string[];
}

const require = createRequire(import.meta.url);

/** Directory holding onnxruntime-node's native binding and provider libraries, or `null`. */
export function ortNodeBinDir(): string | null {
  try {
    const pkg = require.resolve('onnxruntime-node/package.json');
    const dir = join(dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch);
    return existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

let ldCache: string | null = null;
/** The dynamic linker's cache (`ldconfig -p`), '' when unavailable. */
function ldconfig(): string {
  if (ldCache !== null) return ldCache;
  ldCache = '';
  for (const bin of ['/sbin/ldconfig', '/usr/sbin/ldconfig', 'ldconfig']) {
    try {
      ldCache = execFileSync(bin, ['-p'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      });
      break;
    } catch {
      /* try the next */
    }
  }
  return ldCache;
}

const LIB_DIRS = [
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
  '/lib/x86_64-linux-gnu',
  '/usr/local/cuda/lib64',
  '/usr/local/cuda/targets/x86_64-linux/lib',
  '/usr/local/nvidia/lib64',
  '/usr/local/lib',
];

/**
 * Find a shared library the way the dynamic linker would (LD_LIBRARY_PATH, the ldconfig cache,
 * the usual directories). Returns its path or `null`.
 */
export function findSharedLibrary(name: string, extraDirs: readonly string[] = []): string | null {
  const dirs = [...extraDirs, ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...LIB_DIRS];
  for (const d of dirs) if (existsSync(join(d, name))) return join(d, name);
  const line = ldconfig()
    .split('\n')
    .find((l) => l.trim().startsWith(`${name} `));
  if (line) return line.split('=>').pop()!.trim();
  return null;
}

/** GPU device nodes: NVIDIA (`/dev/nvidia0`) and DRM render nodes (`/dev/dri/renderD*`). */
export function gpuDevices(): string[] {
  const out: string[] = [];
  try {
    for (const f of readdirSync('/dev')) if (/^nvidia\d+$/.test(f)) out.push(`/dev/${f}`);
  } catch {
    /* no /dev */
  }
  try {
    for (const f of readdirSync('/dev/dri')) if (f.startsWith('renderD')) out.push(`/dev/dri/${f}`);
  } catch {
    /* no DRM */
  }
  return out;
}

/** Providers the onnxruntime-node binding was built with (`listSupportedBackends()`). */
function nodeBackends(): { name: string; bundled: boolean }[] | string {
  try {
    const ort = require('onnxruntime-node') as {
      listSupportedBackends?: () => { name: string; bundled: boolean }[];
    };
    return ort.listSupportedBackends?.() ?? [{ name: 'cpu', bundled: true }];
  } catch (e) {
    if (isMissingModule(e, 'onnxruntime-node'))
      return 'onnxruntime-node is not installed (an optional peer dependency): npm install onnxruntime-node';
    return `onnxruntime-node does not load: ${(e as Error).message.split('\n')[0]}`;
  }
}

const CUDA_HINT =
  "install them with `ONNXRUNTIME_NODE_INSTALL=cuda12 pnpm install` (allowing onnxruntime-node's install script)";

function cudaStatus(
  name: 'cuda' | 'tensorrt',
  binDir: string | null,
  backends: { name: string }[],
): ProviderStatus {
  const status = (usable: boolean, reason: string, found: string[] = []): ProviderStatus => ({
    name,
    runtime: 'onnxruntime-node',
    usable,
    reason,
    found,
  });
  if (process.platform !== 'linux' && process.platform !== 'win32')
    return status(
      false,
      `no ${name} provider for ${process.platform}; it exists for Linux x64 and Windows x64`,
    );
  if (!backends.some((b) => b.name === name))
    return status(
      false,
      `this onnxruntime-node build (${process.platform}-${process.arch}) has no ${name} provider`,
    );
  if (process.platform === 'win32')
    return status(
      false,
      `the ${name} provider on Windows is not checked by gradkit; request it and ONNX Runtime will report whether it loads`,
    );
  const found: string[] = [];
  const providerLib = join(binDir ?? '', `libonnxruntime_providers_${name}.so`);
  const shared = join(binDir ?? '', 'libonnxruntime_providers_shared.so');
  if (!binDir || !existsSync(providerLib) || !existsSync(shared))
    return status(
      false,
      `libonnxruntime_providers_${name}.so and libonnxruntime_providers_shared.so are not in ${binDir ?? 'the onnxruntime-node bin folder'}; ${CUDA_HINT}`,
    );
  found.push(providerLib, shared);
  const driver = findSharedLibrary('libcuda.so.1');
  if (!driver)
    return status(
      false,
      'the NVIDIA driver library libcuda.so.1 was not found (no NVIDIA driver installed)',
      found,
    );
  found.push(driver);
  const devices = gpuDevices().filter((d) => d.includes('nvidia'));
  if (devices.length === 0) return status(false, 'no NVIDIA GPU device (/dev/nvidia0) is visible', found);
  found.push(...devices);
  const needs =
    name === 'cuda'
      ? ['libcudart.so.12', 'libcublas.so.12', 'libcublasLt.so.12', 'libcufft.so.11', 'libcudnn.so.9']
      : ['libcudart.so.12', 'libnvinfer.so.10'];
  const missing = needs.filter((lib) => {
    const p = findSharedLibrary(lib, [binDir]);
    if (p) found.push(p);
    return !p;
  });
  if (missing.length > 0)
    return status(
      false,
      `missing ${missing.join(', ')} (${name === 'cuda' ? 'CUDA 12 runtime and cuDNN 9' : 'CUDA 12 runtime and TensorRT 10'}); add them to LD_LIBRARY_PATH`,
      found,
    );
  return status(
    true,
    `provider library, NVIDIA driver, GPU and ${name === 'cuda' ? 'CUDA/cuDNN' : 'TensorRT'} libraries found`,
    found,
  );
}

function webgpuStatus(backends: { name: string }[]): ProviderStatus {
  const status = (usable: boolean, reason: string, found: string[] = []): ProviderStatus => ({
    name: 'webgpu',
    runtime: 'onnxruntime-node',
    usable,
    reason,
    found,
  });
  if (!backends.some((b) => b.name === 'webgpu'))
    return status(
      false,
      `this onnxruntime-node build (${process.platform}-${process.arch}) has no WebGPU provider`,
    );
  if (process.platform !== 'linux')
    return status(
      true,
      `bundled in onnxruntime-node (Dawn on ${process.platform === 'win32' ? 'D3D12' : 'Metal'})`,
    );
  const vulkan = findSharedLibrary('libvulkan.so.1');
  if (!vulkan)
    return status(
      false,
      "bundled in onnxruntime-node (Dawn on Vulkan) but the Vulkan loader libvulkan.so.1 is missing; install it (Debian/Ubuntu: `apt-get install libvulkan1`) plus the GPU's Vulkan driver",
    );
  const devices = gpuDevices();
  // drivers named explicitly (VK_ICD_FILENAMES / VK_DRIVER_FILES): trust them, a software Vulkan
  // driver such as SwiftShader needs no device node
  const explicit = (process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES ?? '')
    .split(':')
    .filter(Boolean);
  if (explicit.length > 0) {
    const missing = explicit.filter((f) => !existsSync(f));
    if (missing.length > 0)
      return status(
        false,
        `Vulkan driver manifest(s) ${missing.join(', ')} named by VK_ICD_FILENAMES / VK_DRIVER_FILES do not exist`,
        [vulkan],
      );
    return status(
      true,
      `bundled in onnxruntime-node; Vulkan loader found and driver manifest(s) ${explicit.join(', ')} given by VK_ICD_FILENAMES / VK_DRIVER_FILES${devices.length ? '' : ' (no GPU device node: a software Vulkan driver such as SwiftShader)'}`,
      [vulkan, ...devices, ...explicit],
    );
  }
  if (devices.length === 0)
    return status(
      false,
      `Vulkan loader found (${vulkan}) but no GPU device (/dev/nvidia*, /dev/dri/renderD*) is visible`,
      [vulkan],
    );
  const icdDirs = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];
  const icds = icdDirs.flatMap((d) => (existsSync(d) ? readdirSync(d).map((f) => join(d, f)) : []));
  if (icds.length === 0)
    return status(
      false,
      `Vulkan loader and GPU found but no Vulkan driver manifest (icd.d/*.json); install the GPU's Vulkan driver (NVIDIA driver, or Mesa \`mesa-vulkan-drivers\`)`,
      [vulkan, ...devices],
    );
  return status(true, 'bundled in onnxruntime-node; Vulkan loader, driver manifest and GPU device found', [
    vulkan,
    ...devices,
    ...icds,
  ]);
}

function wasmStatus(): ProviderStatus {
  const status = (usable: boolean, reason: string, found: string[] = []): ProviderStatus => ({
    name: 'wasm',
    runtime: 'onnxruntime-web',
    usable,
    reason,
    found,
  });
  let dir: string;
  try {
    // the package's exports hide package.json: resolve its Node entry (dist/ort.node.min.js)
    dir = dirname(dirname(require.resolve('onnxruntime-web')));
  } catch {
    return status(
      false,
      'onnxruntime-web is not installed (an optional peer dependency): npm install onnxruntime-web',
    );
  }
  const wasm = join(dir, 'dist', 'ort-wasm-simd-threaded.wasm');
  if (!existsSync(wasm)) return status(false, `onnxruntime-web is installed but ${wasm} is missing`);
  if (typeof WebAssembly !== 'object') return status(false, 'this JavaScript runtime has no WebAssembly');
  // a function returning v128 (i32.const 0; i8x16.splat; i8x16.popcnt): validates only where SIMD is supported
  const simd = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
    11,
  ]);
  if (!WebAssembly.validate(simd))
    return status(false, 'WebAssembly SIMD is not supported by this runtime; onnxruntime-web needs it', [
      wasm,
    ]);
  return status(true, 'onnxruntime-web WebAssembly (SIMD) build found; runs in browsers and Node', [wasm]);
}

/**
 * Check every execution provider. `cpu` is always usable when onnxruntime-node loads.
 *
 * @example
 *   for (const p of detectProviders()) console.log(p.name, p.usable, p.reason);
 *   // cpu true bundled in onnxruntime-node ...
 *   // cuda false libonnxruntime_providers_cuda.so ... not in .../bin/napi-v6/linux/x64; install them with ...
 */
export function detectProviders(options: { binDir?: string | null } = {}): ProviderStatus[] {
  const backends = nodeBackends();
  const binDir = options.binDir !== undefined ? options.binDir : ortNodeBinDir();
  const out: ProviderStatus[] = [];
  if (typeof backends === 'string') {
    for (const name of ['cuda', 'tensorrt', 'webgpu', 'cpu'] as const)
      out.push({ name, runtime: 'onnxruntime-node', usable: false, reason: backends, found: [] });
  } else {
    out.push(
      cudaStatus('cuda', binDir, backends),
      cudaStatus('tensorrt', binDir, backends),
      webgpuStatus(backends),
    );
    out.push({
      name: 'cpu',
      runtime: 'onnxruntime-node',
      usable: true,
      reason: `bundled in onnxruntime-node (${binDir ?? 'binding'})`,
      found: binDir ? [binDir] : [],
    });
  }
  out.push(wasmStatus());
  return out;
}

/** The status of one provider (`detectProviders()` filtered). Unknown names are reported as unusable. */
export function providerStatus(name: string): ProviderStatus {
  const s = detectProviders().find((p) => p.name === name);
  return (
    s ?? {
      name: name as ExecutionProviderName,
      runtime: 'onnxruntime-node',
      usable: false,
      reason: `unknown execution provider "${name}"; expected one of ${EXECUTION_PROVIDERS.join(', ')}`,
      found: [],
    }
  );
}

/** The outcome of starting a session on a provider and running a tiny graph. */
export interface ProbeResult {
  ok: boolean;
  /** Milliseconds to create the session and run it. */
  ms: number;
  /** Why it failed. */
  error?: string;
}

/** A 3-element `y = x + x` model, for probing providers. */
function probeModel(): Uint8Array {
  const g = new GraphBuilder('probe');
  const x = g.input('x', DataType.FLOAT, [3]);
  g.output(g.op1('Add', [x, x]), 'y', DataType.FLOAT, [3]);
  return g.encode({ opset: 17 });
}

/**
 * Start a session on `provider` (onnxruntime-node, or onnxruntime-web for `wasm`) and run a tiny
 * graph, checking its output: the proof that a provider `detectProviders` calls usable really runs.
 * Gives up after `timeoutMs` (default 20 s).
 *
 * @example
 *   await probeProvider('cpu');   // { ok: true, ms: 12 }
 */
export async function probeProvider(provider: string, timeoutMs = 20_000): Promise<ProbeResult> {
  const t0 = performance.now();
  const attempt = async (): Promise<void> => {
    const bytes = probeModel();
    const feature = `the ${provider} provider probe`;
    const ort = (
      provider === 'wasm'
        ? ((await importOptional('onnxruntime-web', feature, 'probeProvider', () =>
            import('onnxruntime-web').catch(importFailed),
          )) as unknown)
        : await importOptional('onnxruntime-node', feature, 'probeProvider', () =>
            import('onnxruntime-node').catch(importFailed),
          )
    ) as typeof import('onnxruntime-node');
    if (provider === 'wasm') (ort.env as { wasm: { numThreads: number } }).wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(bytes, { executionProviders: [provider] });
    try {
      const out = await session.run({ x: new ort.Tensor('float32', new Float32Array([1, 2, 3]), [3]) });
      const y = Array.from(out.y!.data as Float32Array);
      if (y.join(',') !== '2,4,6') throw new Error(`wrong result ${y.join(',')}; expected 2,4,6`);
    } finally {
      await session.release();
    }
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      attempt(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        timer.unref();
      }),
    ]);
    return { ok: true, ms: performance.now() - t0 };
  } catch (e) {
    return { ok: false, ms: performance.now() - t0, error: String((e as Error).message ?? e).split('\n')[0] };
  } finally {
    clearTimeout(timer);
  }
}
