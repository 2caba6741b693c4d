#!/usr/bin/env bash
# Make sure the system packages ip-digitizer needs are installed: Tesseract 5 with the language
# packs of the offices it serves, and the fonts the ground-truth generator renders with.
# Installs what is missing with apt-get when run as root; otherwise prints the exact command.
# Fast and silent when everything is already there.
set -euo pipefail

packages=(
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-vie tesseract-ocr-tha
  tesseract-ocr-khm tesseract-ocr-lao tesseract-ocr-fil
  fonts-dejavu-core fonts-liberation fonts-noto-core fonts-thai-tlwg fonts-khmeros fonts-lao
  hunspell-th hunspell-lo hunspell-vi  # word lists titles are spelled against
  chromium  # the review page's browser tests drive Debian's Chromium with Playwright
)
# Extra group, asked for by name: "bench" (OCRmyPDF's unpaper and Ghostscript).
for group in "$@"; do
  case "$group" in
    bench) packages+=(unpaper ghostscript) ;;
    *) echo "unknown package group: $group" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "ip-digitizer needs these system packages: ${missing[*]}" >&2
  echo "Install them as root with:" >&2
  echo "  sudo sh -c '$command'" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
