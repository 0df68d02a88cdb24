// Every analyzer the server runs, in the order they are asked to accept a
// document: the first that accepts it reads it.
import type { Analyzer } from '../analysis';
import { AslAnalyzer } from './acpi/aslAnalyzer';
import { CDriverAnalyzer } from './c/analyzer';
import { LibvirtAnalyzer } from './libvirt/libvirtAnalyzer';
import { LspciAnalyzer } from './lspci/lspciAnalyzer';
import { ProfileAnalyzer } from './profile/profileAnalyzer';
import { ShellAnalyzer } from './shell/shellAnalyzer';

export function createAnalyzers(): Analyzer[] {
  return [
    new ProfileAnalyzer(),
    new CDriverAnalyzer(),
    new AslAnalyzer(),
    new LspciAnalyzer(),
    new LibvirtAnalyzer(),
    new ShellAnalyzer(),
  ];
}
