# Shared by scripts/run and scripts/test: make .venv and install Ally (with extras "$1") when
# pyproject.toml changed since the last install.
ensure_venv() {
  local extras="$1"
  local stamp=".venv/.ally-installed$extras"
  local want
  want="$(sha256sum pyproject.toml | cut -c1-64)"
  if [ ! -x .venv/bin/python ]; then
    "${PYTHON:-python3}" -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing Ally and its dependencies into .venv …"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".$extras"
    echo "$want" > "$stamp"
  fi
}
