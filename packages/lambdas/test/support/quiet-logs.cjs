// Handler loggers stay silent in tests unless a test turns them on (the log tests capture them).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
