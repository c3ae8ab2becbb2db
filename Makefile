# Public entry points; the scripts hold the logic (see bin/ and deploy/local/).
.PHONY: run test test-services test-browser test-gate test-e2e bench load faults build db clean images images-push k8s-render k8s-validate

run:
	./bin/run-platform

test:
	./bin/test-all

# Parts of `make test`, for CI's separate steps (same script, a narrower Maven selection).
test-services:
	RAG_MAVEN_ARGS="-pl !tools/e2e-tests $(RAG_MAVEN_ARGS)" ./bin/test-all

test-browser:
	RAG_MAVEN_ARGS="-pl tools/e2e-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=*InTheBrowserIT -Dfailsafe.failIfNoSpecifiedTests=false $(RAG_MAVEN_ARGS)" ./bin/test-all

test-gate:
	RAG_MAVEN_ARGS="-pl tools/e2e-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DemoBaselineGateIT -Dfailsafe.failIfNoSpecifiedTests=false $(RAG_MAVEN_ARGS)" ./bin/test-all

# The end-to-end tests but the browser suites (*InTheBrowserIT) and the gate above.
test-e2e:
	RAG_MAVEN_ARGS="-pl tools/e2e-tests -am -Dtest=org/supportrag/e2e/**/*Tests -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=org/supportrag/e2e/**/*IT,!*InTheBrowserIT,!DemoBaselineGateIT -Dfailsafe.failIfNoSpecifiedTests=false $(RAG_MAVEN_ARGS)" ./bin/test-all

bench:
	./bin/bench

# Realistic traffic through the gateway with Gatling (tools/load): TTFT and turn percentiles, throughput, outcomes, RSS.
load:
	./bin/load

# Fault scenarios under load (model 5xx/timeouts/cut streams, restarts and kills): one result row per scenario.
faults:
	./bin/faults

build:
	bash -c 'source bin/lib/jdk.sh && exec ./mvnw -B -DskipTests install'

# Service images with Jib (no Docker daemon): <service>/target/jib-image.tar, tagged with the pom version.
images:
	./bin/images

images-push:
	./bin/images --push

# Every kustomize overlay rendered to target/k8s/<overlay>.yaml (what CI validates; tools/deploy-tests checks it).
k8s-render:
	@mkdir -p target/k8s
	@for o in deploy/k8s/overlays/*/; do n=$$(basename $$o); \
	  kubectl kustomize --load-restrictor LoadRestrictionsNone $$o > target/k8s/$$n.yaml && echo "target/k8s/$$n.yaml"; done

# The rendered overlays against the Kubernetes API schemas and the deployment policies (part of `make test` too).
k8s-validate: k8s-render
	bash -c 'source bin/lib/jdk.sh && exec ./mvnw -B -pl tools/deploy-tests test'

db:
	./deploy/local/postgres.sh

clean:
	bash -c 'source bin/lib/jdk.sh && exec ./mvnw -B -q clean' && rm -rf .run/logs
