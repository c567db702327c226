# Banditore: `make help` lists the targets. Variables can be overridden: make run HTTP_PORT=8081
.DEFAULT_GOAL := help
SHELL := /bin/bash

WORK ?= $(CURDIR)/.work
KAFKA_PORT ?= 9092
SANDBOX_PORT ?= 8089
HTTP_PORT ?= 8080
ROLE ?= operator
USER ?= operator
MVN ?= ./mvnw -B
JAVA_OPTS ?= -Xmx512m

export BANDITORE_WORK := $(WORK)
export KAFKA_PORT SANDBOX_PORT

APP_JAR := target/quarkus-app/quarkus-run.jar

.PHONY: help run stop test build libs media-tools token kafka-up kafka-down sandbox-up sandbox-down clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*?## "} /^[a-zA-Z_-]+:.*?## / {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: build libs media-tools ## Run everything locally (Kafka, provider sandbox, service on :8080); Ctrl-C or `make stop` ends it
	@local/bin/jwt-keys
	@local/bin/kafka-up
	@local/bin/sandbox-up
	@trap 'local/bin/sandbox-down; local/bin/kafka-down; rm -f $(WORK)/service.pid' EXIT; \
	  java $(JAVA_OPTS) -Dquarkus.profile=local -Dquarkus.http.port=$(HTTP_PORT) -jar $(APP_JAR) & \
	  echo $$! > $(WORK)/service.pid; \
	  trap 'kill $$(cat $(WORK)/service.pid) 2>/dev/null; wait' INT TERM; \
	  wait

stop: ## Stop what `make run` started
	@# The service first, and wait for it, so that it leaves Kafka cleanly.
	@if [ -f $(WORK)/service.pid ]; then pid=$$(cat $(WORK)/service.pid); kill $$pid 2>/dev/null || true; \
	  for i in $$(seq 60); do kill -0 $$pid 2>/dev/null || break; sleep 0.5; done; rm -f $(WORK)/service.pid; fi
	@local/bin/sandbox-down
	@local/bin/kafka-down

test: libs media-tools ## Run every test (starts its own Kafka broker and provider stubs)
	$(MVN) verify

build: ## Build the application (no tests)
	$(MVN) package -DskipTests

libs: ## Fetch the Kafka broker and WireMock jars used by `make run` and the tests
	@$(MVN) -q -f local/pom.xml -Dwork.dir=$(WORK) package

media-tools: ## Install ffmpeg, espeak-ng and the DejaVu fonts (Debian packages) where missing: short videos are made with them
	@local/bin/media-tools

token: ## Print a bearer token for the local profile: make token ROLE=operator|approver|viewer|admin USER=name
	@local/bin/token $(ROLE) $(USER)

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
