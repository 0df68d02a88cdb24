// The names nvgrace-gpu gives its own constants, with the model's value and
// what each means. A driver that reuses a name gets the meaning in hovers;
// where the number is fixed by hardware or firmware, a different value is
// a finding.
import { NVGRACE, VFIO_REGIONS } from '../../model';

export interface DriverName {
  readonly name: string;
  readonly value: bigint;
  readonly meaning: string;
  /** Fixed by the GPU firmware, the hardware or the guest driver: another value breaks something. */
  readonly fixedBy?: string;
}

export const NVGRACE_NAMES: readonly DriverName[] = [
  { name: 'RESMEM_REGION_INDEX', value: BigInt(NVGRACE.RESMEM_REGION_INDEX), meaning: `the VFIO region of resmem, the non-cached carve-out (${VFIO_REGIONS[NVGRACE.RESMEM_REGION_INDEX].name}/BAR3 as one 64-bit BAR)` },
  { name: 'USEMEM_REGION_INDEX', value: BigInt(NVGRACE.USEMEM_REGION_INDEX), meaning: `the VFIO region of usemem, the cacheable device memory (${VFIO_REGIONS[NVGRACE.USEMEM_REGION_INDEX].name}/BAR5 as one 64-bit BAR)` },
  { name: 'MEMBLK_SIZE', value: NVGRACE.MEMBLK_SIZE, meaning: 'usemem is rounded down to a multiple of it when resmem is carved', fixedBy: 'an ABI value shared with the GPU firmware and the guest driver' },
  { name: 'RESMEM_SIZE', value: NVGRACE.RESMEM_SIZE, meaning: 'the carve-out for the non-cached resmem region', fixedBy: 'what the guest driver expects for MIG' },
  { name: 'DVSEC_BITMAP_OFFSET', value: BigInt(NVGRACE.DVSEC_MIG_WORD_OFFSET), meaning: 'offset of the 16-bit capability word in the NVIDIA DVSEC', fixedBy: 'the GPU firmware' },
  { name: 'MIG_SUPPORTED_WITH_CACHED_RESMEM', value: BigInt(NVGRACE.DVSEC_MIG_SUPPORTED_WITH_CACHED_RESMEM), meaning: 'DVSEC bit set on GPUs without the MIG hardware bug (Grace Blackwell): no resmem carve-out', fixedBy: 'the GPU firmware' },
  { name: 'GPU_CAP_DVSEC_REGISTER', value: BigInt(NVGRACE.DVSEC_ID), meaning: 'DVSEC ID of the NVIDIA capability that carries the MIG bit', fixedBy: 'the GPU firmware' },
  { name: 'C2C_LINK_BAR0_OFFSET', value: BigInt(NVGRACE.READY_C2C_REG), meaning: 'BAR0 register that reads 0xFF once the C2C link is up (6.14+ readiness poll)', fixedBy: 'the GPU hardware' },
  { name: 'HBM_TRAINING_BAR0_OFFSET', value: BigInt(NVGRACE.READY_HBM_REG), meaning: 'BAR0 register that reads 0xFF once HBM training is done (6.14+ readiness poll)', fixedBy: 'the GPU hardware' },
  { name: 'STATUS_READY', value: BigInt(NVGRACE.READY_VALUE), meaning: 'value both readiness registers hold when the GPU is ready', fixedBy: 'the GPU hardware' },
  { name: 'POLL_QUANTUM_MS', value: BigInt(NVGRACE.READY_POLL_MS), meaning: 'interval of the readiness poll, in ms' },
  { name: 'POLL_TIMEOUT_MS', value: BigInt(NVGRACE.READY_TIMEOUT_MS), meaning: 'how long the readiness poll waits, in ms; then probe fails with -ETIME from 6.19 on, while 6.14–6.18 return 0 and probe goes on' },
];

export const NVGRACE_NAME: ReadonlyMap<string, DriverName> = new Map(NVGRACE_NAMES.map((n) => [n.name, n]));
