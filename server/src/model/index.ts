// The pure model of nvgrace-gpu: no LSP, no I/O, no VS Code.
export * from './constants';
export * from './u64';
export * from './units';
export * from './kernel';
export * from './idTable';
export * from './layout';
export * from './configSpace';
export * from './regionAccess';
export * from './device';
export * from './presets';
export * from './summary';
export * from './mmioWindow';
