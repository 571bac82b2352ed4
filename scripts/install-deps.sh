#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build, the demo and the tests need, if any is missing.
# Usage: scripts/install-deps.sh [demo|test]
set -euo pipefail

mode="${1:-test}"
packages=(openjdk-17-jdk-headless ca-certificates curl unzip)
if [ "$mode" = test ]; then
  # ffprobe/ffmpeg and mkvtoolnix check our MKV and MP4 output independently.
  packages+=(ffmpeg mkvtoolnix)
  # Headless Chromium and its driver play the emulator's HLS viewer page; curl checks mutual TLS.
  packages+=(chromium chromium-driver curl)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# A newer JDK already on the machine serves as well as the package.
if command -v javac >/dev/null 2>&1 && javac -version 2>&1 | grep -Eq 'javac (1[7-9]|[2-9][0-9])'; then
  filtered=()
  for p in "${missing[@]}"; do
    [ "$p" = openjdk-17-jdk-headless ] || filtered+=("$p")
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
