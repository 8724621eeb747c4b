# Two entry points for a fresh clone: `make` (the demo: build, synth, a simulated call) and `make test`.
export CHECKPOINT_DISABLE := 1
export TURBO_TELEMETRY_DISABLED := 1
export DO_NOT_TRACK := 1

.PHONY: demo test bootstrap
demo: bootstrap
	pnpm build
	pnpm synth
	pnpm sandbox

test: bootstrap
	pnpm check
	pnpm flow:lint
	pnpm tf:check

bootstrap:
	@bash scripts/bootstrap.sh
