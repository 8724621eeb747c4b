// Handler loggers stay silent in tests unless a test turns them on (the log tests capture them).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// Handler metrics (EMF on stdout) likewise, unless a test turns them on (the metrics tests read them).
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
