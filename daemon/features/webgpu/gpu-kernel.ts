// One WGSL compute kernel (shaders/<name>.wgsl, entry point `main`) as a pipeline with its
// sizes and constants set through `override`s, and a helper to bind buffers and dispatch.
// Shader files are read relative to this module with node:fs, which works under Node and
// Deno alike. Kernels listed in SHADER_LIBS get the shared WGSL they call prepended (WGSL
// has no include); nothing else is added to the text.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { EmotiondError, errorMessage } from '../../core/errors.ts';

/** The emotiond-v1 kernels (spectral-stage.ts). */
export type SpectralKernelName =
  | 'frame-window' | 'energy' | 'zcr' | 'rfft' | 'log-power' | 'mel-filterbank' | 'loudness' | 'mfcc'
  | 'spectral-centroid' | 'spectral-rolloff' | 'spectral-flatness' | 'spectral-entropy'
  | 'spectral-slope' | 'spectral-flux';
/** Kernels only the eGeMAPS stage uses (egemaps-stage.ts; it shares rfft, mel-filterbank, mfcc, energy). */
export type EgemapsKernelName = 'apply-window' | 'auditory-loudness' | 'band-ratios' | 'band-slope' | 'magnitude-flux';
/** Pitch: the batched normalised cross-correlation (tested against ref/nccf.ts; see README). */
export type PitchKernelName = 'nccf';
export type KernelName = SpectralKernelName | EgemapsKernelName | PitchKernelName;

/** Kernels that reduce over a workgroup call workgroupSum from shaders/lib/workgroup-sum.wgsl. */
const SHADER_LIBS: Partial<Record<KernelName, readonly string[]>> = Object.fromEntries(
  (['frame-window', 'energy', 'zcr', 'spectral-centroid', 'spectral-flatness', 'spectral-entropy',
    'spectral-slope', 'spectral-flux'] as const).map((k) => [k, ['lib/workgroup-sum']]),
);

const sources = new Map<string, Promise<string>>();

function shaderFile(name: string): Promise<string> {
  let text = sources.get(name);
  if (!text) {
    const path = fileURLToPath(new URL(`../../../shaders/${name}.wgsl`, import.meta.url));
    text = readFile(path, 'utf8').catch((err) => {
      sources.delete(name);
      throw new EmotiondError('FEATURES', `cannot read shader ${path}: ${errorMessage(err)}`, { cause: err });
    });
    sources.set(name, text);
  }
  return text;
}

export async function shaderSource(name: KernelName): Promise<string> {
  const parts = await Promise.all([...(SHADER_LIBS[name] ?? []), name].map(shaderFile));
  return parts.join('\n');
}

/** A buffer or a byte range of one, bound in binding order 0, 1, 2... */
export type Binding = GPUBuffer | { buffer: GPUBuffer; offset?: number; size?: number };

export class GpuKernel {
  private constructor(
    readonly name: KernelName,
    private readonly device: GPUDevice,
    private readonly pipeline: GPUComputePipeline,
  ) {}

  /** Compiles a kernel with its override constants; shader errors throw EmotiondError 'FEATURES'. */
  static async create(device: GPUDevice, name: KernelName, constants: Record<string, number>): Promise<GpuKernel> {
    const code = await shaderSource(name);
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ label: name, code });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    let pipeline: GPUComputePipeline | null = null;
    let failure = errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ');
    if (!failure) {
      try {
        pipeline = await device.createComputePipelineAsync({ label: name, layout: 'auto', compute: { module, entryPoint: 'main', constants } });
      } catch (err) {
        failure = errorMessage(err);
      }
    }
    const scoped = await device.popErrorScope();
    if (scoped && !failure) failure = scoped.message;
    if (failure || !pipeline) throw new EmotiondError('FEATURES', `WebGPU kernel ${name}: ${failure || 'no pipeline'}`);
    return new GpuKernel(name, device, pipeline);
  }

  /** Records one dispatch of `workgroups` workgroups (nothing for 0) over `bindings`. */
  dispatch(pass: GPUComputePassEncoder, bindings: readonly Binding[], workgroups: number): void {
    if (workgroups <= 0) return;
    const entries = bindings.map((b, binding) => ({ binding, resource: 'buffer' in b ? b : { buffer: b } }));
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.device.createBindGroup({ label: this.name, layout: this.pipeline.getBindGroupLayout(0), entries }));
    pass.dispatchWorkgroups(workgroups);
  }
}
