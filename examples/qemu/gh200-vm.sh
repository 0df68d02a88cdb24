#!/bin/bash
# The sample workspace's GH200 (gh200-lab in .vfio-lens.json) in a VM: bind it to
# nvgrace-gpu, then start QEMU. Hover host=, highmem-mmio-size or a node= value.
# Eight memory-less NUMA nodes give the guest driver room for MIG.
set -euo pipefail

GPU=0009:01:00.0

echo nvgrace_gpu_vfio_pci > /sys/bus/pci/devices/$GPU/driver_override
echo $GPU > /sys/bus/pci/drivers_probe

qemu-system-aarch64 -accel kvm -cpu host \
  -machine virt,gic-version=3,highmem-mmio-size=1T \
  -smp 16 -m 64G -object memory-backend-ram,id=m0,size=64G \
  -numa node,nodeid=0,cpus=0-15,memdev=m0 \
  -numa node,nodeid=1 -numa node,nodeid=2 -numa node,nodeid=3 -numa node,nodeid=4 \
  -numa node,nodeid=5 -numa node,nodeid=6 -numa node,nodeid=7 -numa node,nodeid=8 \
  -device vfio-pci-nohotplug,host=$GPU,bus=pcie.0,addr=04.0,rombar=0,id=gpu0 \
  -object acpi-generic-initiator,id=gi0,pci-dev=gpu0,node=1 \
  -object acpi-generic-initiator,id=gi1,pci-dev=gpu0,node=2 \
  -object acpi-generic-initiator,id=gi2,pci-dev=gpu0,node=3 \
  -object acpi-generic-initiator,id=gi3,pci-dev=gpu0,node=4 \
  -object acpi-generic-initiator,id=gi4,pci-dev=gpu0,node=5 \
  -object acpi-generic-initiator,id=gi5,pci-dev=gpu0,node=6 \
  -object acpi-generic-initiator,id=gi6,pci-dev=gpu0,node=7 \
  -object acpi-generic-initiator,id=gi7,pci-dev=gpu0,node=8 \
  -nographic -drive file=guest.qcow2,if=virtio
