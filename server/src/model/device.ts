// An opened nvgrace-gpu VFIO device: the layout plus the state that changes
// (stored BAR values). Steps the same operations for the CLI and the webview.
import { BarValues, ConfigReadResult, ConfigWriteResult, configRead, configWrite, freshBarValues } from './configSpace';
import { LayoutOk } from './layout';
import { MmapResult, PageSize, RegionInfoResult, RegionIoResult, mmapRegion, regionInfo, regionIo } from './regionAccess';

export type DeviceOp =
  | { readonly op: 'configRead'; readonly offset: number; readonly width: 1 | 2 | 4 | 8 }
  | { readonly op: 'configWrite'; readonly offset: number; readonly width: 1 | 2 | 4 | 8; readonly value: bigint }
  | { readonly op: 'reset' }
  | { readonly op: 'regionRead'; readonly index: number; readonly offset: bigint; readonly count: bigint }
  | { readonly op: 'regionWrite'; readonly index: number; readonly offset: bigint; readonly count: bigint }
  | { readonly op: 'mmap'; readonly pgoff: bigint; readonly length: bigint }
  | { readonly op: 'regionInfo'; readonly index: number };

export type DeviceOpResult =
  | { readonly op: 'configRead'; readonly result: ConfigReadResult }
  | { readonly op: 'configWrite'; readonly result: ConfigWriteResult }
  | { readonly op: 'reset' }
  | { readonly op: 'regionRead' | 'regionWrite'; readonly result: RegionIoResult }
  | { readonly op: 'mmap'; readonly result: MmapResult }
  | { readonly op: 'regionInfo'; readonly result: RegionInfoResult };

export class EmulatedDevice {
  private bars: BarValues = freshBarValues();

  constructor(readonly layout: LayoutOk, readonly pageSize: PageSize) {}

  /** Stored (unmasked) BAR value of an emulated region. */
  stored(regionIndex: number): bigint {
    return this.bars.get(regionIndex) ?? 0n;
  }

  /** VFIO_DEVICE_RESET and device open both clear the stored BAR values. */
  reset(): void {
    this.bars = freshBarValues();
  }

  apply(op: DeviceOp): DeviceOpResult {
    switch (op.op) {
      case 'configRead':
        return { op: op.op, result: configRead(this.layout, this.bars, op.offset, op.width) };
      case 'configWrite':
        return { op: op.op, result: configWrite(this.layout, this.bars, op.offset, op.width, op.value) };
      case 'reset':
        this.reset();
        return { op: 'reset' };
      case 'regionRead':
      case 'regionWrite':
        return { op: op.op, result: regionIo(this.layout, op.index, op.offset, op.count) };
      case 'mmap':
        return { op: op.op, result: mmapRegion(this.layout, op.pgoff, op.length, this.pageSize) };
      case 'regionInfo':
        return { op: op.op, result: regionInfo(this.layout, op.index) };
    }
  }
}
