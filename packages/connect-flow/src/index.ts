export * from './edges';
export * from './interpreter';
export * from './model';
