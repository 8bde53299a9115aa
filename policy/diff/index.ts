export * from './schema';
export * from './diff';
export * from './normalise';
export * from './regressions';
export * from './compat';
