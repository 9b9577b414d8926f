# Curbside — the two commands a new machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install lint clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Links in the demo's output and in e-mails point at the port served.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(STAMP)
	mkdir -p var
	$(BIN)/curbside migrate --noinput
	$(BIN)/curbside demo --if-empty
	$(BIN)/curbside runserver 127.0.0.1:$(PORT)

# The end-to-end tests drive Debian's Chromium; install it when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium for the end-to-end tests…"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	CURBSIDE_ENV=production SECRET_KEY=check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=' ) \
		ALLOWED_HOSTS=curbside.example.org DATABASE_URL=sqlite:///:memory: \
		$(BIN)/curbside check --deploy --fail-level WARNING
	env -u DATABASE_URL CURBSIDE_ENV=test $(BIN)/pytest -p no:cacheprovider
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== PostgreSQL: $$DATABASE_URL"; \
		CURBSIDE_ENV=test $(BIN)/pytest -p no:cacheprovider; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) var/static
