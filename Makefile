# Regio: `make demo` to try it, `make test` to run the whole suite. Both start from `make install`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STATIC := src/regio/static/vendor
APT_RUNTIME := gettext tesseract-ocr tesseract-ocr-nld fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
APT_TEST := chromium

.PHONY: install demo test test-postgres static messages system-packages browser-packages clean

install: system-packages $(STAMP) static messages

# Debian packages are installed only when missing (needs root or sudo, as on this machine kind).
system-packages:
	@scripts/apt-ensure $(APT_RUNTIME)

browser-packages:
	@scripts/apt-ensure $(APT_TEST)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

static: $(STATIC)/.built

$(STATIC)/.built: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(STATIC)/utrecht $(STATIC)/htmx
	cp node_modules/@utrecht/component-library-css/dist/index.css $(STATIC)/utrecht/index.css
	cp node_modules/htmx.org/dist/htmx.min.js $(STATIC)/htmx/htmx.min.js
	touch $@

messages: $(STAMP)
	cd src/regio && ../../$(BIN)/regio compilemessages -v 0

demo: install
	$(BIN)/regio demo

test: install browser-packages
	@scripts/redis-ensure
	$(BIN)/python -m pytest -q

test-postgres: install browser-packages
	@scripts/redis-ensure
	scripts/postgres-test

clean:
	rm -rf $(VENV) node_modules $(STATIC) var
