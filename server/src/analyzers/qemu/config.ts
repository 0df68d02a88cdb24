// What a VM definition says about Grace GPUs, whichever way it is written (a
// QEMU command line or a libvirt domain): the machine's high MMIO window, the
// NUMA nodes, the passed-through PCI devices and the ACPI generic initiators.
// Every value keeps the text it was read from, so checks and hovers land on it.
import type { TextFix } from '../../analysis';
import type { MappedText } from './text';

/** An explicit size for the `virt` high PCIe MMIO window. */
export interface WindowSetting {
  /** The size as written (for QEMU `1T`; for libvirt the element text with its unit). */
  readonly text: MappedText;
  /** The whole setting as written (`highmem-mmio-size=1T`), where people hover. */
  readonly whole?: MappedText;
  /** How it reads to a person: `highmem-mmio-size=1T`, `<pcihole64 unit='KiB'>`. */
  readonly label: string;
  /** Bytes, or a reason it is not a size; undefined when the text is unknown. */
  readonly size: { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly message: string } | undefined;
  /** A fix that writes `size` instead, when the text can be edited in place. */
  readonly rewrite?: (size: bigint) => TextFix | undefined;
  /** Something a person should know about this way of setting it (Markdown). */
  readonly note?: string;
}

export interface MachineConfig {
  /** Machine type (`virt`, `virt-10.0`, `q35`); undefined when unknown. */
  readonly type: string | undefined;
  /** Where the type is written: default-window findings land here. */
  readonly typeText: MappedText;
  readonly window?: WindowSetting;
  /** `highmem=off` or `highmem-mmio=off`: the high window does not exist. */
  readonly highWindowOff?: MappedText;
  /** A fix that adds a window size where none is given. */
  readonly addWindow?: (size: bigint) => TextFix | undefined;
}

export interface NumaNode {
  /** undefined when unknown. */
  readonly id: number | undefined;
  readonly idText: MappedText;
  /** Whether the node has memory (memdev=/mem=, or a libvirt cell's memory); undefined when unknown. */
  readonly hasMemory: boolean | undefined;
  readonly memoryText?: MappedText;
  /** Bytes of memory, when known (a memdev whose backend size is written out, or none). */
  readonly memory?: bigint;
}

export interface PassthroughDevice {
  /** `vfio-pci`, `vfio-pci-nohotplug`, or `hostdev` for libvirt. */
  readonly driver: string;
  /** QOM id other objects refer to (`id=gpu0`, libvirt's alias); undefined when unknown or absent. */
  readonly id: string | undefined;
  readonly idKnown: boolean;
  /** Host PCI address as written; absent when not given. */
  readonly hostText?: MappedText;
  /** Normalized BDF when known. */
  readonly bdf?: string;
  /** Where hovers and device findings land (the whole -device argument, the hostdev source). */
  readonly where: MappedText;
  /**
   * In the guest, on the root bus (pcie.0) rather than behind a root port of its own: its BARs are
   * then placed one by one, without a bridge window. Undefined when the definition does not say.
   */
  readonly rootBus?: boolean;
}

export interface GenericInitiator {
  /** `pci-dev`: the QOM id of the device; undefined when unknown or absent. */
  readonly pciDev: string | undefined;
  readonly pciDevText?: MappedText;
  readonly node: number | undefined;
  readonly nodeText?: MappedText;
  readonly where: MappedText;
}

export interface VmConfig {
  readonly machine?: MachineConfig;
  readonly numa: readonly NumaNode[];
  readonly devices: readonly PassthroughDevice[];
  /** Every device id declared (any device type), with where. */
  readonly deviceIds: ReadonlyMap<string, MappedText>;
  readonly initiators: readonly GenericInitiator[];
  /** Guest RAM (`-m`), when the definition states it separately from the NUMA nodes. */
  readonly ram?: { readonly text: MappedText; readonly size: { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly message: string } | undefined };
  /**
   * False when part of the definition is unknown (a variable, an unparsed
   * argument): checks about something being absent stay silent then.
   */
  readonly complete: boolean;
}

/**
 * A node id as people wrote it. Past 2^53 a JS number prints as 1e+21 or
 * Infinity; such an id is always one QEMU refuses, and it reads as written.
 */
export function nodeLabel(id: number, text: MappedText | undefined): string {
  return Number.isSafeInteger(id) || !text ? String(id) : text.text.trim().replace(/^0+(?=\d)/, '');
}
