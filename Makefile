# Public entry points; the scripts hold the logic (see bin/ and deploy/local/).
.PHONY: run test bench build db clean

run:
	./bin/run-platform

test:
	./bin/test-all

bench:
	./bin/bench

build:
	bash -c 'source bin/lib/jdk.sh && exec ./mvnw -B -DskipTests install'

db:
	./deploy/local/postgres.sh

clean:
	bash -c 'source bin/lib/jdk.sh && exec ./mvnw -B -q clean' && rm -rf .run/logs
