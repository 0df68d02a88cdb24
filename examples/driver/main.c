// SPDX-License-Identifier: MIT
/*
 * gracelens-vfio-pci: a sample VFIO PCI variant driver for the vfio-lens
 * sample workspace. It is written for this project in the shape of the
 * Linux nvgrace-gpu driver (6.14 and later) so that every hover, inlay hint,
 * code lens and diagnostic of vfio-lens has something real to work on. It
 * is not kernel code and has never been built against a kernel.
 *
 * The GPU's coherent device memory (described by ACPI _DSD properties) is
 * shown to the VM as fake 64-bit BARs:
 *
 *   usemem  cacheable memory      BAR4/BAR5   write-back mmap
 *   resmem  1 GiB uncached carve  BAR2/BAR3   write-combine mmap
 *
 * resmem exists only when the GPU reports the MIG hardware bug (Grace
 * Hopper); Grace Blackwell GPUs give all their memory to usemem and keep
 * their physical BAR at region 2.
 *
 * Try: hover RESMEM_REGION_INDEX, the config-window checks in
 * gracelens_cfg_emulate(), the ops table, the device IDs, or the
 * assignments in gracelens_split_memory().
 */

#include <linux/delay.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/pci.h>
#include <linux/property.h>
#include <linux/sizes.h>
#include <linux/vfio_pci_core.h>

/* Which VFIO regions carry the two fake BARs. */
#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX
#define USEMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX

/*
 * usemem is handed to the guest in memory blocks of this size; the GPU
 * firmware and the guest driver both assume it.
 */
#define MEMBLK_SIZE SZ_512M

/* Size of the uncached carve-out when the MIG hardware bug is present. */
#define GRACELENS_RESMEM_SIZE SZ_1G

/* NVIDIA DVSEC carrying the "MIG works with cached resmem" bit. */
#define GPU_CAP_DVSEC_REGISTER 3
#define DVSEC_BITMAP_OFFSET 0xA
#define MIG_SUPPORTED_WITH_CACHED_RESMEM BIT(0)

/* BAR0 registers polled until the C2C link and HBM are up. */
#define C2C_LINK_BAR0_OFFSET 0x1498
#define HBM_TRAINING_BAR0_OFFSET 0x200BC
#define STATUS_READY 0xFF
#define POLL_QUANTUM_MS 1000
#define POLL_TIMEOUT_MS (30 * 1000)

/* Flags every emulated BAR register reads back with. */
#define GRACELENS_BAR_FLAGS \
	(PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH)

/* Where a region starts in the device fd, and its offset inside it. */
#define GRACELENS_REGION_START(index) VFIO_PCI_INDEX_TO_OFFSET(index)
#define GRACELENS_REGION_POS(off) ((off) & VFIO_PCI_OFFSET_MASK)

/* Bytes of the sparse-mmap capability with one area. */
#define GRACELENS_SPARSE_CAP_SIZE \
	(sizeof(struct vfio_region_info_cap_sparse_mmap) + \
	 sizeof(struct vfio_region_sparse_mmap_area))

struct gracelens_region {
	/* Host physical base and length of the memory behind the BAR. */
	phys_addr_t memphys;
	size_t memlength;
	/* Power-of-two size the guest sees; the tail past memlength is padding. */
	size_t bar_size;
	/* What the guest last wrote to the BAR register, unmasked. */
	__le64 bar_val;
	union {
		void *memaddr;
		void __iomem *ioaddr;
	};
};

struct gracelens_device {
	struct vfio_pci_core_device core;
	struct gracelens_region usemem;
	struct gracelens_region resmem;
	/* Serialises the lazy kernel mappings of the two regions. */
	struct mutex map_lock;
	bool mig_hw_bug;
};

static struct gracelens_device *to_gracelens(struct vfio_device *vdev)
{
	return container_of(vdev, struct gracelens_device, core.vdev);
}

/*
 * The region a VFIO index stands for, or NULL when the index is not one
 * of ours (or when there is no resmem on this GPU).
 */
static struct gracelens_region *
gracelens_region(struct gracelens_device *gd, unsigned int index)
{
	if (index == USEMEM_REGION_INDEX)
		return &gd->usemem;

	if (index == RESMEM_REGION_INDEX && gd->resmem.memlength)
		return &gd->resmem;

	return NULL;
}

/* ---- emulated BAR registers in config space ---- */

/* Zero both registers: the state after open and after VFIO_DEVICE_RESET. */
static void gracelens_reset_bar_regs(struct gracelens_device *gd)
{
	gd->usemem.bar_val = 0;
	gd->resmem.bar_val = 0;
}

/*
 * The guest reads back the stored address aligned to the BAR size, with
 * the 64-bit and prefetchable flags set. Sizing (all ones written) thus
 * reads back ~(bar_size - 1) | 0xc.
 */
static u64 gracelens_bar_value(struct gracelens_region *r)
{
	u64 stored = le64_to_cpu(r->bar_val);

	return (stored & ~((u64)r->bar_size - 1)) | GRACELENS_BAR_FLAGS;
}

/*
 * Find the emulated register an access touches. BAR2's window is tried
 * first; on a GPU without resmem it belongs to the physical BAR and the
 * caller hands the access to vfio-pci core.
 */
static struct gracelens_region *
gracelens_cfg_target(struct gracelens_device *gd, loff_t pos, size_t count,
		     size_t *buf_off, size_t *len, size_t *reg_off)
{
	u64 bar;

	if (vfio_pci_core_range_intersect_range(pos, count, PCI_BASE_ADDRESS_2,
						sizeof(bar), buf_off, len,
						reg_off))
		return gracelens_region(gd, RESMEM_REGION_INDEX);

	if (vfio_pci_core_range_intersect_range(pos, count, PCI_BASE_ADDRESS_4,
						sizeof(bar), buf_off, len,
						reg_off))
		return gracelens_region(gd, USEMEM_REGION_INDEX);

	return NULL;
}

static ssize_t gracelens_cfg_read(struct gracelens_device *gd,
				  char __user *buf, size_t count,
				  loff_t *ppos)
{
	loff_t pos = GRACELENS_REGION_POS(*ppos);
	struct gracelens_region *r;
	size_t buf_off, len, reg_off;
	ssize_t done;
	u64 value;

	/* Let the core fill the buffer, then patch in the emulated bytes. */
	done = vfio_pci_core_read(&gd->core.vdev, buf, count, ppos);
	if (done < 0)
		return done;

	r = gracelens_cfg_target(gd, pos, count, &buf_off, &len, &reg_off);
	if (!r)
		return done;

	value = cpu_to_le64(gracelens_bar_value(r));
	if (copy_to_user(buf + buf_off, (u8 *)&value + reg_off, len))
		return -EFAULT;

	return done;
}

static ssize_t gracelens_cfg_write(struct gracelens_device *gd,
				   const char __user *buf, size_t count,
				   loff_t *ppos)
{
	loff_t pos = GRACELENS_REGION_POS(*ppos);
	struct gracelens_region *r;
	size_t buf_off, len, reg_off;
	u64 stored;

	r = gracelens_cfg_target(gd, pos, count, &buf_off, &len, &reg_off);
	if (!r)
		return vfio_pci_core_write(&gd->core.vdev, buf, count, ppos);

	/* Store the raw bytes; masking happens when the guest reads. */
	stored = le64_to_cpu(r->bar_val);
	if (copy_from_user((u8 *)&stored + reg_off, buf + buf_off, len))
		return -EFAULT;
	r->bar_val = cpu_to_le64(stored);

	*ppos += len;
	return len;
}

/* ---- device memory through read/write ---- */

/* Map a region into the kernel the first time someone reads or writes it. */
static int gracelens_map_region(struct gracelens_device *gd,
				unsigned int index)
{
	struct gracelens_region *r = gracelens_region(gd, index);
	int ret = 0;

	if (!r)
		return -EINVAL;

	mutex_lock(&gd->map_lock);
	if (index == USEMEM_REGION_INDEX && !r->memaddr) {
		r->memaddr = memremap(r->memphys, r->memlength, MEMREMAP_WB);
		if (!r->memaddr)
			ret = -ENOMEM;
	} else if (index == RESMEM_REGION_INDEX && !r->ioaddr) {
		r->ioaddr = ioremap_wc(r->memphys, r->memlength);
		if (!r->ioaddr)
			ret = -ENOMEM;
	}
	mutex_unlock(&gd->map_lock);

	return ret;
}

static void gracelens_unmap_regions(struct gracelens_device *gd)
{
	mutex_lock(&gd->map_lock);
	if (gd->usemem.memaddr) {
		memunmap(gd->usemem.memaddr);
		gd->usemem.memaddr = NULL;
	}
	if (gd->resmem.ioaddr) {
		iounmap(gd->resmem.ioaddr);
		gd->resmem.ioaddr = NULL;
	}
	mutex_unlock(&gd->map_lock);
}

/*
 * Bytes between memlength and bar_size are padding: reads return 0xff,
 * writes vanish. Accesses that start at or past bar_size fail.
 */
static ssize_t gracelens_mem_rw(struct gracelens_device *gd,
				char __user *buf, size_t count,
				loff_t *ppos, bool write)
{
	unsigned int index = VFIO_PCI_OFFSET_TO_INDEX(*ppos);
	u64 off = GRACELENS_REGION_POS(*ppos);
	struct gracelens_region *r = gracelens_region(gd, index);
	size_t backed = 0;
	int ret;

	if (off >= r->bar_size)
		return -EINVAL;

	count = min_t(size_t, count, r->bar_size - off);
	if (off < r->memlength)
		backed = min_t(size_t, count, r->memlength - off);

	if (backed) {
		ret = gracelens_map_region(gd, index);
		if (ret)
			return ret;
	}

	if (write) {
		if (!backed)
			goto out;
		if (index == USEMEM_REGION_INDEX) {
			if (copy_from_user((u8 *)r->memaddr + off, buf, backed))
				return -EFAULT;
		} else {
			ret = vfio_pci_core_do_io_rw(&gd->core, false, r->ioaddr,
						     buf, off, backed, 0, 0, true);
			if (ret < 0)
				return ret;
		}
		goto out;
	}

	if (backed) {
		if (index == USEMEM_REGION_INDEX) {
			if (copy_to_user(buf, (u8 *)r->memaddr + off, backed))
				return -EFAULT;
		} else {
			ret = vfio_pci_core_do_io_rw(&gd->core, false, r->ioaddr,
						     buf, off, backed, 0, 0, false);
			if (ret < 0)
				return ret;
		}
	}
	if (count > backed) {
		/* The padding reads as all ones, one byte at a time. */
		u8 fill = 0xff;
		size_t i;

		for (i = backed; i < count; i++)
			if (copy_to_user(buf + i, &fill, 1))
				return -EFAULT;
	}
out:
	*ppos += count;
	return count;
}

static ssize_t gracelens_read(struct vfio_device *vdev, char __user *buf,
			      size_t count, loff_t *ppos)
{
	struct gracelens_device *gd = to_gracelens(vdev);
	unsigned int index = VFIO_PCI_OFFSET_TO_INDEX(*ppos);

	if (gracelens_region(gd, index))
		return gracelens_mem_rw(gd, buf, count, ppos, false);

	if (index == VFIO_PCI_CONFIG_REGION_INDEX)
		return gracelens_cfg_read(gd, buf, count, ppos);

	return vfio_pci_core_read(vdev, buf, count, ppos);
}

static ssize_t gracelens_write(struct vfio_device *vdev,
			       const char __user *buf, size_t count,
			       loff_t *ppos)
{
	struct gracelens_device *gd = to_gracelens(vdev);
	unsigned int index = VFIO_PCI_OFFSET_TO_INDEX(*ppos);

	if (gracelens_region(gd, index))
		return gracelens_mem_rw(gd, (char __user *)buf, count, ppos,
					true);

	if (index == VFIO_PCI_CONFIG_REGION_INDEX)
		return gracelens_cfg_write(gd, buf, count, ppos);

	return vfio_pci_core_write(vdev, buf, count, ppos);
}

/* ---- mmap ---- */

/*
 * Only the memory that exists can be mapped: a mapping that reaches into
 * the padding is refused, userspace reads the tail through pread.
 */
static int gracelens_mmap(struct vfio_device *vdev,
			  struct vm_area_struct *vma)
{
	struct gracelens_device *gd = to_gracelens(vdev);
	unsigned int index = vma->vm_pgoff >> (VFIO_PCI_OFFSET_SHIFT - PAGE_SHIFT);
	u64 pgoff = vma->vm_pgoff &
		    ((1U << (VFIO_PCI_OFFSET_SHIFT - PAGE_SHIFT)) - 1);
	struct gracelens_region *r = gracelens_region(gd, index);
	u64 req_len, end;
	unsigned long pfn;

	if (!r)
		return vfio_pci_core_mmap(vdev, vma);

	req_len = vma->vm_end - vma->vm_start;
	if (check_add_overflow(PFN_PHYS(pgoff), req_len, &end))
		return -EOVERFLOW;
	if (end > r->memlength)
		return -EINVAL;

	if (index == RESMEM_REGION_INDEX) {
		/* Uncached for the guest, but writes may be combined. */
		vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	}

	pfn = PHYS_PFN(r->memphys) + pgoff;
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	return remap_pfn_range(vma, vma->vm_start, pfn, req_len,
			       vma->vm_page_prot);
}

/* ---- ioctls ---- */

/*
 * Region info for a fake BAR: its size is the power-of-two BAR size, and
 * one sparse area tells userspace that only memlength bytes can be mapped.
 */
static long gracelens_region_info(struct gracelens_device *gd,
				  unsigned long arg)
{
	struct vfio_region_info_cap_sparse_mmap *sparse;
	struct vfio_info_cap caps = { .buf = NULL, .size = 0 };
	struct vfio_region_info info;
	struct gracelens_region *r;
	unsigned long minsz;
	int ret;

	minsz = offsetofend(struct vfio_region_info, offset);
	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;

	r = gracelens_region(gd, info.index);
	if (!r)
		return vfio_pci_core_ioctl(&gd->core.vdev,
					   VFIO_DEVICE_GET_REGION_INFO, arg);

	sparse = kzalloc(GRACELENS_SPARSE_CAP_SIZE, GFP_KERNEL);
	if (!sparse)
		return -ENOMEM;

	sparse->nr_areas = 1;
	sparse->areas[0].offset = 0;
	sparse->areas[0].size = r->memlength;
	sparse->header.id = VFIO_REGION_INFO_CAP_SPARSE_MMAP;
	sparse->header.version = 1;

	ret = vfio_info_add_capability(&caps, &sparse->header,
				       GRACELENS_SPARSE_CAP_SIZE);
	kfree(sparse);
	if (ret)
		return ret;

	info.offset = GRACELENS_REGION_START(info.index);
	info.size = r->bar_size;
	info.flags = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE |
		     VFIO_REGION_INFO_FLAG_MMAP;

	if (caps.size) {
		info.flags |= VFIO_REGION_INFO_FLAG_CAPS;
		if (info.argsz < sizeof(info) + caps.size) {
			info.argsz = sizeof(info) + caps.size;
			info.cap_offset = 0;
		} else {
			vfio_info_cap_shift(&caps, sizeof(info));
			if (copy_to_user((void __user *)arg + sizeof(info),
					 caps.buf, caps.size)) {
				kfree(caps.buf);
				return -EFAULT;
			}
			info.cap_offset = sizeof(info);
		}
		kfree(caps.buf);
	}

	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}

static long gracelens_ioctl(struct vfio_device *vdev, unsigned int cmd,
			    unsigned long arg)
{
	struct gracelens_device *gd = to_gracelens(vdev);

	switch (cmd) {
	case VFIO_DEVICE_GET_REGION_INFO:
		return gracelens_region_info(gd, arg);
	case VFIO_DEVICE_IOEVENTFD:
		/* Our regions are not MMIO the core can watch. */
		return -ENOTTY;
	case VFIO_DEVICE_RESET:
		gracelens_reset_bar_regs(gd);
		fallthrough;
	default:
		return vfio_pci_core_ioctl(vdev, cmd, arg);
	}
}

/* ---- open and close ---- */

static int gracelens_open_device(struct vfio_device *vdev)
{
	struct gracelens_device *gd = to_gracelens(vdev);
	int ret;

	ret = vfio_pci_core_enable(&gd->core);
	if (ret)
		return ret;

	if (gd->usemem.memlength) {
		gracelens_reset_bar_regs(gd);
		mutex_init(&gd->map_lock);
	}

	vfio_pci_core_finish_enable(&gd->core);
	return 0;
}

static void gracelens_close_device(struct vfio_device *vdev)
{
	struct gracelens_device *gd = to_gracelens(vdev);

	gracelens_unmap_regions(gd);
	mutex_destroy(&gd->map_lock);
	vfio_pci_core_close_device(vdev);
}

/* With device memory: the fake BARs. */
static const struct vfio_device_ops gracelens_ops = {
	.name		= "gracelens-vfio-pci",
	.init		= vfio_pci_core_init_dev,
	.release	= vfio_pci_core_release_dev,
	.open_device	= gracelens_open_device,
	.close_device	= gracelens_close_device,
	.ioctl		= gracelens_ioctl,
	.device_feature	= vfio_pci_core_ioctl_feature,
	.read		= gracelens_read,
	.write		= gracelens_write,
	.mmap		= gracelens_mmap,
	.request	= vfio_pci_core_request,
	.match		= vfio_pci_core_match,
	.bind_iommufd	= vfio_iommufd_physical_bind,
	.unbind_iommufd	= vfio_iommufd_physical_unbind,
	.attach_ioas	= vfio_iommufd_physical_attach_ioas,
	.detach_ioas	= vfio_iommufd_physical_detach_ioas,
};

/* Without device memory (firmware reported none): plain vfio-pci. */
static const struct vfio_device_ops gracelens_core_ops = {
	.name		= "gracelens-vfio-pci-core",
	.init		= vfio_pci_core_init_dev,
	.release	= vfio_pci_core_release_dev,
	.open_device	= gracelens_open_device,
	.close_device	= vfio_pci_core_close_device,
	.ioctl		= vfio_pci_core_ioctl,
	.device_feature	= vfio_pci_core_ioctl_feature,
	.read		= vfio_pci_core_read,
	.write		= vfio_pci_core_write,
	.mmap		= vfio_pci_core_mmap,
	.request	= vfio_pci_core_request,
	.match		= vfio_pci_core_match,
	.bind_iommufd	= vfio_iommufd_physical_bind,
	.unbind_iommufd	= vfio_iommufd_physical_unbind,
	.attach_ioas	= vfio_iommufd_physical_attach_ioas,
	.detach_ioas	= vfio_iommufd_physical_detach_ioas,
};

/* ---- probe ---- */

/*
 * Firmware describes the device memory with two u64 _DSD properties. A
 * size of 0 means the C2C link did not come up: no fake BARs then.
 */
static int gracelens_read_dsd(struct pci_dev *pdev, u64 *base, u64 *size)
{
	int ret;

	ret = device_property_read_u64(&pdev->dev, "nvidia,gpu-mem-base-pa",
				       base);
	if (ret)
		return ret;
	if (*base > type_max(phys_addr_t))
		return -EOVERFLOW;

	ret = device_property_read_u64(&pdev->dev, "nvidia,gpu-mem-size",
				       size);
	if (ret)
		return ret;
	if (*size > type_max(size_t))
		return -EOVERFLOW;

	return *size ? 0 : -ENOMEM;
}

/* Grace Blackwell sets the DVSEC bit; Grace Hopper does not have it. */
static bool gracelens_mig_hw_bug(struct pci_dev *pdev)
{
	u16 caps = 0;
	int dvsec;

	dvsec = pci_find_dvsec_capability(pdev, PCI_VENDOR_ID_NVIDIA,
					  GPU_CAP_DVSEC_REGISTER);
	if (dvsec)
		pci_read_config_word(pdev, dvsec + DVSEC_BITMAP_OFFSET, &caps);

	return !(caps & MIG_SUPPORTED_WITH_CACHED_RESMEM);
}

/*
 * Split the device memory. Without the MIG bug everything is usemem.
 * With it, the last GiB (plus whatever does not fill a memory block) is
 * carved off as resmem. The usemem BAR is sized before the round-down.
 */
static int gracelens_split_memory(struct gracelens_device *gd, u64 base,
				  u64 size)
{
	u64 carve = gd->mig_hw_bug ? GRACELENS_RESMEM_SIZE : 0;

	gd->usemem.memphys = base;
	if (check_sub_overflow(size, carve, &gd->usemem.memlength))
		return -EOVERFLOW;

	gd->usemem.bar_size = roundup_pow_of_two(gd->usemem.memlength);

	if (!gd->mig_hw_bug)
		return 0;

	gd->usemem.memlength = round_down(gd->usemem.memlength, MEMBLK_SIZE);
	if (!gd->usemem.memlength)
		return -EINVAL;

	if (check_add_overflow(gd->usemem.memphys, gd->usemem.memlength,
			       &gd->resmem.memphys))
		return -EOVERFLOW;
	gd->resmem.memlength = size - gd->usemem.memlength;
	gd->resmem.bar_size = roundup_pow_of_two(gd->resmem.memlength);

	return 0;
}

/* The GPU finishes HBM training and link bring-up after boot; wait for it. */
static int gracelens_wait_ready(struct pci_dev *pdev)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(POLL_TIMEOUT_MS);
	void __iomem *bar0;
	int ret;

	ret = pci_enable_device(pdev);
	if (ret)
		return ret;

	ret = pci_request_selected_regions(pdev, BIT(0), KBUILD_MODNAME);
	if (ret)
		goto disable;

	bar0 = pci_iomap(pdev, 0, 0);
	if (!bar0) {
		ret = -ENOMEM;
		goto release;
	}

	ret = -ETIME;
	do {
		if (ioread32(bar0 + C2C_LINK_BAR0_OFFSET) == STATUS_READY &&
		    ioread32(bar0 + HBM_TRAINING_BAR0_OFFSET) == STATUS_READY) {
			ret = 0;
			break;
		}
		msleep(POLL_QUANTUM_MS);
	} while (!time_after(jiffies, deadline));

	pci_iounmap(pdev, bar0);
release:
	pci_release_selected_regions(pdev, BIT(0));
disable:
	pci_disable_device(pdev);
	return ret;
}

static int gracelens_probe(struct pci_dev *pdev,
			   const struct pci_device_id *id)
{
	const struct vfio_device_ops *ops = &gracelens_core_ops;
	struct gracelens_device *gd;
	u64 base, size;
	int ret;

	ret = gracelens_wait_ready(pdev);
	if (ret)
		return ret;

	if (!gracelens_read_dsd(pdev, &base, &size))
		ops = &gracelens_ops;

	gd = vfio_alloc_device(gracelens_device, core.vdev, &pdev->dev, ops);
	if (IS_ERR(gd))
		return PTR_ERR(gd);

	dev_set_drvdata(&pdev->dev, &gd->core);

	if (ops == &gracelens_ops) {
		gd->mig_hw_bug = gracelens_mig_hw_bug(pdev);
		ret = gracelens_split_memory(gd, base, size);
		if (ret)
			goto put;
	}

	ret = vfio_pci_core_register_device(&gd->core);
	if (ret)
		goto put;

	return 0;

put:
	vfio_put_device(&gd->core.vdev);
	return ret;
}

static void gracelens_remove(struct pci_dev *pdev)
{
	struct vfio_pci_core_device *core = dev_get_drvdata(&pdev->dev);

	vfio_pci_core_unregister_device(core);
	vfio_put_device(&core->vdev);
}

/* Bind only through driver_override: never take a GPU from its host driver. */
static const struct pci_device_id gracelens_ids[] = {
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2342) },
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2345) },
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2348) },
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2941) },
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x31C2) },
	{}
};
MODULE_DEVICE_TABLE(pci, gracelens_ids);

static struct pci_driver gracelens_driver = {
	.name		= KBUILD_MODNAME,
	.id_table	= gracelens_ids,
	.probe		= gracelens_probe,
	.remove		= gracelens_remove,
	.err_handler	= &vfio_pci_core_err_handlers,
	.driver_managed_dma = true,
};
module_pci_driver(gracelens_driver);

MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("vfio-lens sample: fake BARs for coherent GPU memory");
