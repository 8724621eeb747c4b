export { EXTERNAL_SERVER_BINARY, externalValkeyServer } from './external-server';
export { findValkeyServerBinary } from './find-server-binary';
export { type PingOptions, pingValkey } from './ping';
export { type LocalValkeyServer, type StartValkeyServerOptions, startValkeyServer } from './start-valkey-server';
export { type RawCommandOptions, rawCommand } from './raw-command';
export { type ProxyTarget, startTcpProxy, type TcpProxy } from './tcp-proxy';
