# Banditore: `make help` lists the targets. Variables can be overridden: make run HTTP_PORT=8081
.DEFAULT_GOAL := help
SHELL := /bin/bash

WORK ?= $(CURDIR)/.work
KAFKA_PORT ?= 9092
SANDBOX_PORT ?= 8089
HTTP_PORT ?= 8080
# make run OIDC=true: the dashboard signs people in with the sandbox's OpenID Connect provider instead of a pasted token.
OIDC ?= false
ROLE ?= operator
# The name in a token from `make token` (not USER, which the shell always sets to the login name).
TOKEN_USER ?= operator
MVN ?= ./mvnw -B
# C1 alone: on a box of one or two cores C2's compiling costs more CPU than it saves (README Performance).
JAVA_OPTS ?= -Xmx512m -XX:TieredStopAtLevel=1
# make image: pushed to $(IMAGE_REGISTRY) when set, else written to $(IMAGE_TAR); BASE_IMAGE overrides the base
# (a mirror, or tar:///path/base.tar); IMAGE_TAG defaults to the project version.
IMAGE_REGISTRY ?=
IMAGE_GROUP ?= banditore
IMAGE_TAG ?=
IMAGE_TAR ?= target/banditore-image.tar
BASE_IMAGE ?=
# The dashboard test drives this browser and driver (Debian's chromium and chromium-driver).
CHROMIUM ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver

export BANDITORE_WORK := $(WORK)
export KAFKA_PORT SANDBOX_PORT

APP_JAR := target/quarkus-app/quarkus-run.jar

.PHONY: help run stop test bench chaos build image libs browser media-tools token kafka-up kafka-down sandbox-up sandbox-down clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*?## "} /^[a-zA-Z_-]+:.*?## / {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: build libs media-tools ## Run everything locally (Kafka, provider sandbox, service on :8080); OIDC=true signs in with the sandbox's OpenID Connect provider; Ctrl-C or `make stop` ends it
	@local/bin/jwt-keys
	@local/bin/kafka-up
	@local/bin/sandbox-up
	@trap 'local/bin/sandbox-down; local/bin/kafka-down; rm -f $(WORK)/service.pid' EXIT; \
	  java $(JAVA_OPTS) -Dquarkus.profile=local -Dquarkus.http.port=$(HTTP_PORT) -Dquarkus.oidc.tenant-enabled=$(OIDC) -jar $(APP_JAR) & \
	  echo $$! > $(WORK)/service.pid; \
	  trap 'kill $$(cat $(WORK)/service.pid) 2>/dev/null; wait' INT TERM; \
	  wait

stop: ## Stop what `make run` started
	@# The service first, and wait for it, so that it leaves Kafka cleanly.
	@if [ -f $(WORK)/service.pid ]; then pid=$$(cat $(WORK)/service.pid); kill $$pid 2>/dev/null || true; \
	  for i in $$(seq 60); do kill -0 $$pid 2>/dev/null || break; sleep 0.5; done; rm -f $(WORK)/service.pid; fi
	@local/bin/sandbox-down
	@local/bin/kafka-down

test: libs browser media-tools ## Run every test (own Kafka broker and provider stubs, the dashboard in Chromium, videos); installs Chromium, ffmpeg and espeak-ng with (sudo) apt-get where missing
	$(MVN) verify -Dbanditore.test.chromium=$(CHROMIUM) -Dbanditore.test.chromedriver=$(CHROMEDRIVER)

bench: libs ## Benchmark on this machine (own broker, sandbox and service): table and target/bench/results.json
	bench/run

chaos: libs ## Fault suite (own broker, sandbox and service; kill -9, pauses, rebalance, storms, poison): table and target/chaos/results.json
	bench/chaos

build: ## Build the application (no tests)
	$(MVN) package -DskipTests

IMAGE_FLAGS = -Dquarkus.container-image.build=true -Dquarkus.container-image.group=$(IMAGE_GROUP) \
  $(if $(IMAGE_TAG),-Dquarkus.container-image.tag=$(IMAGE_TAG)) $(if $(BASE_IMAGE),-Dquarkus.jib.base-jvm-image=$(BASE_IMAGE))

image: ## Build the container image with Jib, no Docker engine: a tar in target/, or pushed with IMAGE_REGISTRY=host[:port]
ifeq ($(strip $(IMAGE_REGISTRY)),)
	@rm -f $(IMAGE_TAR)
	IMAGE_TAR=$(abspath $(IMAGE_TAR)) $(MVN) package -DskipTests $(IMAGE_FLAGS) \
	  -Dquarkus.jib.docker-executable-name=$(CURDIR)/local/bin/image-tar
	@test -s $(IMAGE_TAR) && echo "Image written to $(IMAGE_TAR) (docker load / podman load / skopeo copy docker-archive:$(IMAGE_TAR) ...)"
else
	$(MVN) package -DskipTests $(IMAGE_FLAGS) -Dquarkus.container-image.registry=$(IMAGE_REGISTRY) -Dquarkus.container-image.push=true
endif

libs: ## Fetch the Kafka broker and WireMock jars used by `make run` and the tests
	@$(MVN) -q -f local/pom.xml -Dwork.dir=$(WORK) package

browser: ## Install Chromium and its driver for the dashboard test where missing ((sudo) apt-get install chromium chromium-driver)
	@if [ ! -x "$(CHROMIUM)" ] || [ ! -x "$(CHROMEDRIVER)" ]; then \
	  if command -v apt-get >/dev/null; then \
	    sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	    $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else \
	    echo "The dashboard test needs Chromium and chromedriver: install them and set CHROMIUM and CHROMEDRIVER" >&2; exit 1; \
	  fi; \
	fi

media-tools: ## Install ffmpeg, espeak-ng and the DejaVu fonts (Debian packages) where missing: short videos are made with them
	@local/bin/media-tools

token: ## Print a bearer token for the local profile: make token ROLE=operator|approver|viewer|admin TOKEN_USER=name
	@local/bin/token $(ROLE) $(TOKEN_USER)

kafka-up: libs ## Start the local Kafka broker (KRaft) in the background
	@local/bin/kafka-up

kafka-down: ## Stop the local Kafka broker
	@local/bin/kafka-down

sandbox-up: libs ## Start the provider sandbox (Telegram, X, TikTok) in the background
	@local/bin/sandbox-up

sandbox-down: ## Stop the provider sandbox
	@local/bin/sandbox-down

clean: ## Remove build output and local data (broker data, keys)
	$(MVN) -q clean
	rm -rf $(WORK)
