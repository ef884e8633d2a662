# Every target installs what it needs first, so each works on a fresh clone.
.PHONY: install build test demo bench faults scale suite-time simulator clean

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json

build: install
	npm run build

test: install
	npm test

# EXAMPLE=<folder>: any Pulumi program folder (a path, or a name under examples/); see README.
demo: build
	node dist/scripts/demo.js $(if $(EXAMPLE),"$(EXAMPLE)")

simulator: build
	node dist/simulator/cli.js

bench: build
	node dist/bench/run.js

faults: build
	node dist/bench/faults.js

# Stacks at scale (a throttled 300-resource up, 200 async creates): several minutes, so not in `bench`.
scale: build
	node dist/bench/throttled-scale.js

# The test suite's own time, into bench/RESULTS.md; as long as `make test`, so not in `bench`.
suite-time: build
	node dist/bench/test-suite-time.js

clean:
	rm -rf dist
