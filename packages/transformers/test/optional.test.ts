/**
 * The optional peer dependencies (onnxruntime-node, onnxruntime-web, @huggingface/transformers):
 * a missing one is reported as `MissingPeerError` naming the package, the backend that needs it and
 * the install command. "Missing" is simulated with the errors Node itself throws when the package
 * cannot be found (collected from a Node process started in an empty folder).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GradkitError } from '@gradkit/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  isMissingModule,
  loadBackend,
  loadOrtModel,
  loadTransformersModel,
  MissingPeerError,
  OPTIONAL_PEERS,
  probeProvider,
  tokenizerFromJson,
} from '../src/node.js';
import { type OptionalPeer, setOptionalImporter } from '../src/optional.js';

const tmp = mkdtempSync(join(tmpdir(), 'gradkit-optional-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => setOptionalImporter(null));

/** What Node throws for `import(pkg)` and `require.resolve(pkg)` where `pkg` is not installed. */
const nodeErrors: Record<string, { code: string; message: string }[]> = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { createRequire } from 'node:module';
       const require = createRequire(process.cwd() + '/x.js');
       const out = {};
       for (const p of ${JSON.stringify(OPTIONAL_PEERS)}) {
         out[p] = [];
         try { await import(p); } catch (e) { out[p].push({ code: e.code, message: e.message }); }
         try { require.resolve(p); } catch (e) { out[p].push({ code: e.code, message: e.message }); }
       }
       console.log(JSON.stringify(out));`,
    ],
    // without NODE_PATH: pnpm's bin shims set it to the workspace's node_modules/.pnpm/node_modules
    { cwd: tmp, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } },
  ),
);

/** Make `pkg` look uninstalled: its loads fail with Node's own error. */
function simulateMissing(...missing: OptionalPeer[]): void {
  setOptionalImporter(async (pkg) => {
    if (missing.includes(pkg)) {
      const { code, message } = nodeErrors[pkg]![0]!;
      throw Object.assign(new Error(message), { code });
    }
    return import(/* @vite-ignore */ pkg);
  });
}

describe('isMissingModule', () => {
  it("recognises Node's errors for a package that is not installed (import and require.resolve)", () => {
    for (const pkg of OPTIONAL_PEERS) {
      expect(nodeErrors[pkg]!.map((e) => e.code)).toEqual(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);
      for (const e of nodeErrors[pkg]!) expect(isMissingModule(e, pkg)).toBe(true);
    }
  });

  it('does not mistake a missing dependency of the package, or another package, for the package', () => {
    const inner = {
      code: 'ERR_MODULE_NOT_FOUND',
      message: "Cannot find package 'long' imported from /p/node_modules/onnxruntime-node/dist/index.js",
    };
    expect(isMissingModule(inner, 'onnxruntime-node')).toBe(false);
    // a browser, for a bare specifier no bundler resolved
    const browser = new TypeError(
      'Failed to resolve module specifier "onnxruntime-web". Relative references must start with either "/", "./", or "../".',
    );
    expect(isMissingModule(browser, 'onnxruntime-web')).toBe(true);
    expect(isMissingModule(browser, 'onnxruntime-node')).toBe(false);
    expect(isMissingModule(nodeErrors['onnxruntime-web']![0], 'onnxruntime-node')).toBe(false);
    expect(isMissingModule(new Error('session failed'), 'onnxruntime-node')).toBe(false);
    expect(isMissingModule('onnxruntime-node', 'onnxruntime-node')).toBe(false);
  });

  it('recognises a real failed import of a package that does not exist', async () => {
    const name = 'gradkit-no-such-package';
    const e = await import(/* @vite-ignore */ name).then(
      () => null,
      (err: unknown) => err,
    );
    expect(isMissingModule(e, name)).toBe(true);
  });
});

describe('a missing optional peer', () => {
  // a directory holding a decoder ONNX file: loadBackend('ort') uses it as it is
  const onnxDir = join(tmp, 'model');
  mkdirSync(join(onnxDir, 'onnx'), { recursive: true });
  writeFileSync(join(onnxDir, 'onnx', 'model.onnx'), new Uint8Array([8, 7]));
  writeFileSync(join(onnxDir, 'config.json'), '{}');

  it("loadBackend('ort') without onnxruntime-node names the package, the backend and the install command", async () => {
    simulateMissing('onnxruntime-node');
    for (const worker of [true, false]) {
      const e = await loadBackend('ort', onnxDir, { worker }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(MissingPeerError);
      expect(e).toBeInstanceOf(GradkitError);
      expect((e as Error).message).toBe(
        'loadOrtModel: the ort backend needs onnxruntime-node: npm install onnxruntime-node',
      );
      expect((e as MissingPeerError).packageName).toBe('onnxruntime-node');
      expect((e as MissingPeerError).install).toBe('npm install onnxruntime-node');
      expect(((e as Error).cause as Error).message).toContain("Cannot find package 'onnxruntime-node'");
    }
    await expect(loadOrtModel(onnxDir)).rejects.toThrow('the ort backend needs onnxruntime-node');
  });

  it("loadBackend('transformers') without @huggingface/transformers", async () => {
    simulateMissing('@huggingface/transformers');
    await expect(loadBackend('transformers', onnxDir)).rejects.toThrow(
      'loadBackend: the transformers backend needs @huggingface/transformers: npm install @huggingface/transformers',
    );
    await expect(loadTransformersModel(onnxDir)).rejects.toThrow(
      'loadTransformersModel: the transformers backend needs @huggingface/transformers',
    );
  });

  it('tokenizerFromJson without @huggingface/transformers', async () => {
    simulateMissing('@huggingface/transformers');
    await expect(tokenizerFromJson({ model: {} })).rejects.toThrow(
      'tokenizerFromJson: reading a Hugging Face tokenizer.json needs @huggingface/transformers: npm install @huggingface/transformers',
    );
  });

  it('probeProvider reports the missing runtime instead of throwing', async () => {
    simulateMissing('onnxruntime-node', 'onnxruntime-web');
    const cpu = await probeProvider('cpu');
    expect(cpu.ok).toBe(false);
    expect(cpu.error).toBe(
      'probeProvider: the cpu provider probe needs onnxruntime-node: npm install onnxruntime-node',
    );
    const wasm = await probeProvider('wasm');
    expect(wasm.error).toBe(
      'probeProvider: the wasm provider probe needs onnxruntime-web: npm install onnxruntime-web',
    );
  });

  it('other load failures pass through unchanged', async () => {
    const boom = new Error('the native binding failed to load');
    setOptionalImporter(async () => {
      throw boom;
    });
    await expect(loadOrtModel(onnxDir)).rejects.toBe(boom);
  });
});
