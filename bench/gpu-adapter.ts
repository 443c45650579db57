// Which WebGPU adapter this machine gives the feature kernels (EMOTIOND_WEBGPU__BACKEND
// chooses it): one line of JSON, {description, software}; exit 1 when there is none.
// Used by bench/gpu-check.sh to say what the report was measured on.
import { requestGpuDevice } from '../daemon/features/webgpu/gpu-device.ts';

const h = await requestGpuDevice();
if (!h) {
  console.log(JSON.stringify({ description: null, software: null, backend: process.env.EMOTIOND_WEBGPU__BACKEND ?? 'auto' }));
  process.exit(1);
}
console.log(JSON.stringify({ description: h.description, software: h.software, backend: process.env.EMOTIOND_WEBGPU__BACKEND ?? 'auto' }));
h.device.destroy();
