// QEMU command-line options, as data: which take an argument and how that
// argument is written. Facts from qemu-options.hx (an option takes an
// argument unless listed as a flag) and from each option's QemuOpts list
// (the implied key of its first item).

export interface OptionSpec {
  /** The name QEMU knows it by (aliases map here). */
  readonly name: string;
  /** `key=value,…` syntax and the key a leading bare item stands for. */
  readonly keyval?: { readonly impliedKey: string };
  /** Also accepts a JSON object (`-device '{"driver":…}'`, `-object '{"qom-type":…}'`). */
  readonly json?: boolean;
}

const KEYVAL: Readonly<Record<string, OptionSpec>> = {
  device: { name: 'device', keyval: { impliedKey: 'driver' }, json: true },
  object: { name: 'object', keyval: { impliedKey: 'qom-type' }, json: true },
  machine: { name: 'machine', keyval: { impliedKey: 'type' } },
  numa: { name: 'numa', keyval: { impliedKey: 'type' } },
  m: { name: 'm', keyval: { impliedKey: 'size' } },
  smp: { name: 'smp', keyval: { impliedKey: 'cpus' } },
  accel: { name: 'accel', keyval: { impliedKey: 'accel' } },
};

const ALIASES: Readonly<Record<string, string>> = { M: 'machine' };

/** Options that take no argument (the rest take exactly one). */
const FLAGS = new Set([
  'S', 's', 'snapshot', 'nographic', 'no-reboot', 'no-shutdown', 'enable-kvm', 'daemonize', 'no-user-config',
  'nodefaults', 'nodefconfig', 'no-hpet', 'no-acpi', 'no-fd-bootchk', 'full-screen', 'no-quit', 'alt-grab',
  'ctrl-grab', 'sdl', 'curses', 'enable-fips', 'preconfig', 'only-migratable', 'xen-attach',
  'xen-domid-restrict', 'old-param', 'semihosting', 'singlestep', 'usb', 'no-kvm', 'mem-prealloc', 'no-frame',
  'rtc-td-hack', 'no-kvm-irqchip', 'no-kvm-pit', 'no-kvm-pit-reinjection', 'win2k-hack', 'portrait', 'perfmap',
  'jitdump', 'help', 'h', 'version',
]);

/**
 * What `-name` (or `--name`) is. Options we do not list take an argument
 * unless the next word is itself an option — how every real command line reads.
 */
export function optionSpec(word: string): { spec: OptionSpec; takesArg: boolean | 'unless-option' } | undefined {
  if (!/^--?[A-Za-z]/.test(word)) return undefined;
  const bare = word.replace(/^--?/, '');
  const name = ALIASES[bare] ?? bare;
  if (KEYVAL[name]) return { spec: KEYVAL[name], takesArg: true };
  if (FLAGS.has(name)) return { spec: { name }, takesArg: false };
  return { spec: { name }, takesArg: 'unless-option' };
}

/** A qemu binary by file name: qemu-system-aarch64, /usr/libexec/qemu-kvm, …/qemu-system-x86_64. */
export function isQemuBinary(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^qemu-system-[A-Za-z0-9_]+$/.test(base) || base === 'qemu-kvm';
}
