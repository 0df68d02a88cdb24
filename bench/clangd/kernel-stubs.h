/* SPDX-License-Identifier: MIT */
/*
 * Stand-ins for the kernel headers the benchmark drivers include, written for
 * the vfio-lens benchmarks so that clangd parses the drivers with their types
 * and macros known instead of stopping at a missing <linux/…> header. Far
 * smaller than the real headers: clangd's times here are a lower bound of
 * what it takes on a kernel tree. Not kernel code.
 */
#pragma once

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed long long s64;
typedef u64 __le64;
typedef u32 __le32;
typedef unsigned long size_t;
typedef long ssize_t;
typedef long long loff_t;
typedef u64 phys_addr_t;
typedef _Bool bool;
typedef struct { unsigned long pgprot; } pgprot_t;
#define true 1
#define false 0
#define NULL ((void *)0)
#define __user
#define __iomem

#define EINVAL 22
#define ENOMEM 12
#define EFAULT 14
#define EOVERFLOW 75
#define ETIME 62
#define ENOTTY 25

#define SZ_1K 0x00000400
#define SZ_4K 0x00001000
#define SZ_64K 0x00010000
#define SZ_1M 0x00100000
#define SZ_2M 0x00200000
#define SZ_256M 0x10000000
#define SZ_512M 0x20000000
#define SZ_1G 0x40000000
#define SZ_2G 0x80000000
#define SZ_4G _AC(0x100000000, ULL)
#define _AC(x, y) (x##y)
#define BIT(nr) (1UL << (nr))
#define BIT_ULL(nr) (1ULL << (nr))
#define GENMASK(h, l) (((~0UL) << (l)) & (~0UL >> (64 - 1 - (h))))
#define PAGE_SHIFT 16
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define offsetof(t, m) __builtin_offsetof(t, m)
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define round_down(x, y) ((x) & ~((__typeof__(x))((y) - 1)))
#define round_up(x, y) ((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d) __builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define IS_ERR(p) ((unsigned long)(p) >= (unsigned long)-4095)
#define PTR_ERR(p) ((long)(p))
#define le64_to_cpu(x) ((u64)(x))
#define cpu_to_le64(x) ((__le64)(x))
#define le32_to_cpu(x) ((u32)(x))
#define module_pci_driver(d) int __bench_module_##d

#define PCI_VENDOR_ID_NVIDIA 0x10de
#define PCI_BASE_ADDRESS_0 0x10
#define PCI_BASE_ADDRESS_1 0x14
#define PCI_BASE_ADDRESS_2 0x18
#define PCI_BASE_ADDRESS_3 0x1c
#define PCI_BASE_ADDRESS_4 0x20
#define PCI_BASE_ADDRESS_5 0x24
#define PCI_BASE_ADDRESS_SPACE_IO 0x01
#define PCI_BASE_ADDRESS_MEM_TYPE_64 0x04
#define PCI_BASE_ADDRESS_MEM_PREFETCH 0x08
#define PCI_ANY_ID (~0)
#define PCI_DEVICE(vend, dev) .vendor = (vend), .device = (dev), .subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID
#define PCI_VDEVICE(vend, dev) .vendor = PCI_VENDOR_ID_##vend, .device = (dev), .subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID
#define PCI_DRIVER_OVERRIDE_DEVICE_VFIO(vend, dev) PCI_DEVICE(vend, dev), .override_only = 1

#define VFIO_PCI_OFFSET_SHIFT 40
#define VFIO_PCI_OFFSET_TO_INDEX(off) ((off) >> VFIO_PCI_OFFSET_SHIFT)
#define VFIO_PCI_INDEX_TO_OFFSET(index) ((u64)(index) << VFIO_PCI_OFFSET_SHIFT)
#define VFIO_PCI_OFFSET_MASK (((u64)(1) << VFIO_PCI_OFFSET_SHIFT) - 1)
enum {
	VFIO_PCI_BAR0_REGION_INDEX,
	VFIO_PCI_BAR1_REGION_INDEX,
	VFIO_PCI_BAR2_REGION_INDEX,
	VFIO_PCI_BAR3_REGION_INDEX,
	VFIO_PCI_BAR4_REGION_INDEX,
	VFIO_PCI_BAR5_REGION_INDEX,
	VFIO_PCI_ROM_REGION_INDEX,
	VFIO_PCI_CONFIG_REGION_INDEX,
	VFIO_PCI_VGA_REGION_INDEX,
	VFIO_PCI_NUM_REGIONS = 9,
};
#define VFIO_DEVICE_GET_REGION_INFO 0x3b6c
#define VFIO_REGION_INFO_FLAG_READ (1 << 0)
#define VFIO_REGION_INFO_FLAG_WRITE (1 << 1)
#define VFIO_REGION_INFO_FLAG_MMAP (1 << 2)
#define VFIO_REGION_INFO_FLAG_CAPS (1 << 3)
#define VFIO_REGION_INFO_CAP_SPARSE_MMAP 1
#define MEMREMAP_WB 1
#define vfio_alloc_device(dev_struct, member, dev, ops) ((struct dev_struct *)_vfio_alloc_device(sizeof(struct dev_struct), dev, ops))

struct mutex { int owner; };
struct device { void *driver_data; };
struct pci_dev { struct device dev; unsigned short vendor, device; };
struct pci_device_id { u32 vendor, device, subvendor, subdevice, class, class_mask; unsigned long driver_data; u32 override_only; };
struct vm_area_struct { unsigned long vm_start, vm_end, vm_pgoff; pgprot_t vm_page_prot; };
struct vfio_info_cap { void *buf; size_t size; };
struct vfio_region_info { u32 argsz, flags, index, cap_offset; u64 size, offset; };
struct vfio_region_info_cap_sparse_mmap { u32 id, version, next, nr_areas; };
struct vfio_region_sparse_mmap_area { u64 offset, size; };
struct vfio_device;
struct vfio_device_ops {
	const char *name;
	int (*init)(struct vfio_device *vdev);
	void (*release)(struct vfio_device *vdev);
	int (*bind_iommufd)(struct vfio_device *vdev, void *ictx, u32 *out_device_id);
	void (*unbind_iommufd)(struct vfio_device *vdev);
	int (*attach_ioas)(struct vfio_device *vdev, u32 *pt_id);
	void (*detach_ioas)(struct vfio_device *vdev);
	int (*open_device)(struct vfio_device *vdev);
	void (*close_device)(struct vfio_device *vdev);
	ssize_t (*read)(struct vfio_device *vdev, char __user *buf, size_t count, loff_t *ppos);
	ssize_t (*write)(struct vfio_device *vdev, const char __user *buf, size_t count, loff_t *size);
	long (*ioctl)(struct vfio_device *vdev, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct vfio_device *vdev, struct vm_area_struct *vma);
	void (*request)(struct vfio_device *vdev, unsigned int count);
	int (*match)(struct vfio_device *vdev, char *buf);
	void (*dma_unmap)(struct vfio_device *vdev, u64 iova, u64 length);
	int (*device_feature)(struct vfio_device *device, u32 flags, void __user *arg, size_t argsz);
};
struct vfio_device { struct device *dev; const struct vfio_device_ops *ops; };
struct vfio_pci_core_device { struct vfio_device vdev; struct pci_dev *pdev; void __iomem *barmap[6]; };
struct pci_driver { const char *name; const struct pci_device_id *id_table; int (*probe)(struct pci_dev *dev, const struct pci_device_id *id); void (*remove)(struct pci_dev *dev); bool driver_managed_dma; };

int vfio_pci_core_init_dev(struct vfio_device *core_vdev);
void vfio_pci_core_release_dev(struct vfio_device *core_vdev);
int vfio_pci_core_open_device(struct vfio_device *core_vdev);
void vfio_pci_core_close_device(struct vfio_device *core_vdev);
ssize_t vfio_pci_core_read(struct vfio_device *core_vdev, char __user *buf, size_t count, loff_t *ppos);
ssize_t vfio_pci_core_write(struct vfio_device *core_vdev, const char __user *buf, size_t count, loff_t *ppos);
long vfio_pci_core_ioctl(struct vfio_device *core_vdev, unsigned int cmd, unsigned long arg);
int vfio_pci_core_mmap(struct vfio_device *core_vdev, struct vm_area_struct *vma);
void vfio_pci_core_request(struct vfio_device *core_vdev, unsigned int count);
int vfio_pci_core_match(struct vfio_device *core_vdev, char *buf);
int vfio_pci_core_enable(struct vfio_pci_core_device *vdev);
void vfio_pci_core_finish_enable(struct vfio_pci_core_device *vdev);
int vfio_pci_core_register_device(struct vfio_pci_core_device *vdev);
void vfio_pci_core_unregister_device(struct vfio_pci_core_device *vdev);
ssize_t vfio_pci_core_do_io_rw(struct vfio_pci_core_device *vdev, bool test_mem, void __iomem *io, char __user *buf, loff_t off, size_t count, size_t x_start, size_t x_end, bool iswrite);
bool vfio_pci_core_range_intersect_range(loff_t buf_start, size_t buf_cnt, loff_t reg_start, size_t reg_cnt, loff_t *buf_offset, size_t *intersect_count, size_t *register_offset);
int vfio_iommufd_physical_bind(struct vfio_device *vdev, void *ictx, u32 *out_device_id);
void vfio_iommufd_physical_unbind(struct vfio_device *vdev);
int vfio_iommufd_physical_attach_ioas(struct vfio_device *vdev, u32 *pt_id);
void *_vfio_alloc_device(size_t size, struct device *dev, const struct vfio_device_ops *ops);
void vfio_put_device(struct vfio_device *device);
int vfio_info_add_capability(struct vfio_info_cap *caps, void *cap, size_t size);
void vfio_info_cap_shift(struct vfio_info_cap *caps, size_t offset);
int device_property_read_u64(struct device *dev, const char *propname, u64 *val);
int pci_find_dvsec_capability(struct pci_dev *dev, u16 vendor, u16 dvsec);
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_enable_device(struct pci_dev *dev);
void pci_disable_device(struct pci_dev *dev);
void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long max);
void pci_iounmap(struct pci_dev *dev, void __iomem *p);
int pci_request_selected_regions(struct pci_dev *dev, int bars, const char *name);
void pci_release_selected_regions(struct pci_dev *dev, int bars);
void *dev_get_drvdata(const struct device *dev);
void dev_set_drvdata(struct device *dev, void *data);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn, unsigned long size, pgprot_t prot);
pgprot_t pgprot_writecombine(pgprot_t prot);
void vm_flags_set(struct vm_area_struct *vma, unsigned long flags);
void *memremap(phys_addr_t offset, size_t size, unsigned long flags);
void memunmap(void *addr);
void __iomem *ioremap_wc(phys_addr_t offset, size_t size);
void iounmap(void __iomem *addr);
u32 ioread32(const void __iomem *addr);
void *kzalloc(size_t size, unsigned int flags);
void kfree(const void *p);
void mutex_init(struct mutex *lock);
void mutex_destroy(struct mutex *lock);
void mutex_lock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
void msleep(unsigned int msecs);
unsigned long msecs_to_jiffies(unsigned int m);
u64 roundup_pow_of_two(u64 n);
extern unsigned long volatile jiffies;
