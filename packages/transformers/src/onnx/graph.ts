/**
 * A small ONNX graph builder: nodes, initializers and typed graph inputs/outputs, encoded into an
 * ONNX `ModelProto` with protobufjs (schema in `schema.ts`). Used by the GPT-2 exporter; general
 * enough for any feed-forward graph of standard (`ai.onnx`) operators.
 */
import { AttributeType, DataType, onnxType } from './schema.js';

/** One ONNX attribute value: a number is an INT, `{ f }` a FLOAT, a number array INTS. */
export type AttrValue = number | { f: number } | number[] | string;

/** A dimension of a graph input/output: a fixed size or a symbolic name (`dim_param`). */
export type Dim = number | string;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Little-endian bytes of a float32 array (ONNX `raw_data` is always little-endian). */
function float32Bytes(data: Float32Array): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  data.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return out;
}

function attribute(name: string, value: AttrValue): Record<string, unknown> {
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new TypeError(`attribute ${name}: ${value} is not an integer; pass { f: ${value} } for a FLOAT`);
    return { name, type: AttributeType.INT, i: value };
  }
  if (typeof value === 'string')
    return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  return { name, type: AttributeType.FLOAT, f: value.f };
}

function valueInfo(name: string, elemType: number, dims: readonly Dim[]): Record<string, unknown> {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/**
 * Builds an ONNX graph node by node. Every method returns the names of the values it creates, so
 * a graph reads like the forward pass it encodes.
 *
 * @example
 *   const g = new GraphBuilder('double');
 *   const x = g.input('x', DataType.FLOAT, ['n']);
 *   g.output(g.op('Add', [x, x])[0]!, 'y', DataType.FLOAT, ['n']);
 *   const bytes = g.encode({ opset: 17 });
 */
export class GraphBuilder {
  private readonly nodes: Record<string, unknown>[] = [];
  private readonly initializers: Record<string, unknown>[] = [];
  private readonly inputs: Record<string, unknown>[] = [];
  private readonly outputs: Record<string, unknown>[] = [];
  private readonly used = new Set<string>();
  private counter = 0;

  constructor(readonly name: string) {}

  /** A value name not used before, derived from `hint`. */
  fresh(hint: string): string {
    let name = hint;
    while (this.used.has(name)) name = `${hint}_${++this.counter}`;
    this.used.add(name);
    return name;
  }

  /** Declare a graph input `[dims]` of ONNX data type `elemType`. */
  input(name: string, elemType: number, dims: readonly Dim[]): string {
    this.used.add(name);
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** Declare `value` as graph output `name` (renaming it through an Identity node when needed). */
  output(value: string, name: string, elemType: number, dims: readonly Dim[]): string {
    if (value !== name) this.op('Identity', [value], {}, [name]);
    this.outputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /**
   * Append a node `opType(inputs) → outputs`. `outputs` is either a count (fresh names derived from
   * the op type) or explicit names. Returns the output names.
   */
  op(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, AttrValue> = {},
    outputs: number | readonly string[] = 1,
    hint?: string,
  ): string[] {
    const outs =
      typeof outputs === 'number'
        ? Array.from({ length: outputs }, (_, i) =>
            this.fresh(`${hint ?? opType}${outputs > 1 ? `_${i}` : ''}`),
          )
        : outputs.map((o) => (this.used.add(o), o));
    this.nodes.push({
      opType,
      name: this.fresh(`node_${hint ?? opType}`),
      input: [...inputs],
      output: outs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  /** A single-output node; returns its output name. */
  op1(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, AttrValue> = {},
    hint?: string,
  ): string {
    return this.op(opType, inputs, attrs, 1, hint)[0]!;
  }

  /** A float32 initializer (weights) `[dims]`, stored as little-endian `raw_data`. */
  float32(name: string, data: Float32Array, dims: readonly number[]): string {
    const n = this.fresh(name);
    this.initializers.push({
      name: n,
      dataType: DataType.FLOAT,
      dims: [...dims],
      rawData: float32Bytes(data),
    });
    return n;
  }

  /** An int64 constant initializer (`dims` default: a vector; `[]` makes a scalar). */
  int64(name: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    const n = this.fresh(name);
    this.initializers.push({ name: n, dataType: DataType.INT64, dims: [...dims], int64Data: [...values] });
    return n;
  }

  /** A float32 scalar constant. */
  scalar(name: string, value: number): string {
    return this.float32(name, new Float32Array([value]), []);
  }

  /** Encode as an ONNX `ModelProto` (IR version 8) importing the default domain at `opset`. */
  encode(options: {
    opset: number;
    producer?: string;
    docString?: string;
    metadata?: Record<string, string>;
  }): Uint8Array {
    const Model = onnxType('ModelProto');
    const model = {
      irVersion: 8,
      opsetImport: [{ domain: '', version: options.opset }],
      producerName: options.producer ?? '@gradkit/transformers',
      producerVersion: '0',
      docString: options.docString ?? '',
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
    const err = Model.verify(model);
    if (err) throw new Error(`GraphBuilder.encode: invalid ModelProto: ${err}`);
    return Model.encode(Model.fromObject(model)).finish();
  }
}
