// Every analyzer the server runs, in the order they are asked to accept a
// document: the first that accepts it reads it.
import type { Analyzer } from '../analysis';
import { LibvirtAnalyzer } from './libvirt/libvirtAnalyzer';
import { ShellAnalyzer } from './shell/shellAnalyzer';

export function createAnalyzers(): Analyzer[] {
  return [new LibvirtAnalyzer(), new ShellAnalyzer()];
}
