# Shorthands for the commands in the README.
.PHONY: benchmark demo test
benchmark:
	bash scripts/benchmark.sh -- --json benchmark.json
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
