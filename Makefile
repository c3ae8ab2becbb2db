# Public entry points; the scripts hold the logic (see bin/ and deploy/local/).
.PHONY: run test bench build db clean

run:
	./bin/run-platform

test:
	./bin/test-all

bench:
	@if [ -x bin/bench ]; then ./bin/bench; else echo "No benchmarks yet (bin/bench does not exist)."; fi

build:
	bash -c 'source bin/lib/jdk.sh && exec ./mvnw -B -DskipTests install'

db:
	./deploy/local/postgres.sh

clean:
	bash -c 'source bin/lib/jdk.sh && exec ./mvnw -B -q clean' && rm -rf .run/logs
