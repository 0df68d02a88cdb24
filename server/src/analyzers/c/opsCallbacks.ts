// struct vfio_device_ops (include/linux/vfio.h): what each callback is for
// and what vfio-pci core offers for it. A variant driver either points a
// callback at the core function or overrides it with its own.

export interface OpsCallback {
  readonly field: string;
  /** What the callback handles, in a few words. */
  readonly handles: string;
  /** The vfio-pci core function a variant driver normally plugs in, if there is one. */
  readonly core?: string;
}

export const VFIO_DEVICE_OPS: readonly OpsCallback[] = [
  { field: 'name', handles: 'the ops name shown in logs' },
  { field: 'init', handles: 'setting up the device structure at allocation', core: 'vfio_pci_core_init_dev' },
  { field: 'release', handles: 'freeing the device structure', core: 'vfio_pci_core_release_dev' },
  { field: 'bind_iommufd', handles: 'binding to an iommufd context', core: 'vfio_iommufd_physical_bind' },
  { field: 'unbind_iommufd', handles: 'unbinding from iommufd', core: 'vfio_iommufd_physical_unbind' },
  { field: 'attach_ioas', handles: 'attaching to an iommufd IOAS', core: 'vfio_iommufd_physical_attach_ioas' },
  { field: 'detach_ioas', handles: 'detaching from an iommufd IOAS', core: 'vfio_iommufd_physical_detach_ioas' },
  { field: 'pasid_attach_ioas', handles: 'attaching a PASID to an IOAS', core: 'vfio_iommufd_physical_pasid_attach_ioas' },
  { field: 'pasid_detach_ioas', handles: 'detaching a PASID', core: 'vfio_iommufd_physical_pasid_detach_ioas' },
  { field: 'open_device', handles: 'first open of the device fd (enable, reset emulated state)' },
  { field: 'close_device', handles: 'last close of the device fd', core: 'vfio_pci_core_close_device' },
  { field: 'read', handles: 'read/pread on the device fd (region = offset >> 40)', core: 'vfio_pci_core_read' },
  { field: 'write', handles: 'write/pwrite on the device fd', core: 'vfio_pci_core_write' },
  { field: 'ioctl', handles: 'VFIO_DEVICE_* ioctls (region info, reset, ioeventfd, …)', core: 'vfio_pci_core_ioctl' },
  { field: 'mmap', handles: 'mmap of regions (region = vm_pgoff >> (40 − PAGE_SHIFT))', core: 'vfio_pci_core_mmap' },
  { field: 'request', handles: 'asking userspace to release the device', core: 'vfio_pci_core_request' },
  { field: 'match', handles: 'matching a device name string', core: 'vfio_pci_core_match' },
  { field: 'match_token_uuid', handles: 'checking the VF token', core: 'vfio_pci_core_match_token_uuid' },
  { field: 'dma_unmap', handles: 'DMA unmap notifications (emulated IOMMU devices)' },
  { field: 'device_feature', handles: 'VFIO_DEVICE_FEATURE', core: 'vfio_pci_core_ioctl_feature' },
  { field: 'get_region_info_caps', handles: 'region info and its capability chain (6.19+)' },
];

export const OPS_BY_FIELD: ReadonlyMap<string, OpsCallback> = new Map(VFIO_DEVICE_OPS.map((c) => [c.field, c]));

/** Core and iommufd helpers a variant driver plugs in unchanged. */
export function isCoreFunction(name: string): boolean {
  return /^vfio_(pci_core_|iommufd_physical_|iommufd_emulated_)/.test(name);
}
