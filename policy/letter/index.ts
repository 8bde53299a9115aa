/** The stop-processing letter engine (issue #4). Pure: runs in Node and in the extension. */
export * from './demands';
export * from './working-days';
export * from './sender';
export * from './operator';
export * from './compose';
export * from './mailto';
export * from './eml';
export * from './print';
export * from './request-log';
