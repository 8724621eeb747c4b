export { findValkeyServerBinary } from './find-server-binary';
export { type PingOptions, pingValkey } from './ping';
export { type LocalValkeyServer, type StartValkeyServerOptions, startValkeyServer } from './start-valkey-server';
