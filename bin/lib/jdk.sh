#!/usr/bin/env bash
# Finds a JDK 21 or newer and exports JAVA_HOME and PATH.
#
#   source bin/lib/jdk.sh      # in a bash script: exports, or exits 1 with a hint
#   bin/lib/jdk.sh             # prints the JDK it would use
#
# Search order: JAVA_HOME, `java` on PATH, then the highest version under the usual
# install roots. RAG_JDK_SEARCH_ROOTS (space-separated globs) replaces those roots,
# which the tests use to simulate a machine without a suitable JDK.

RAG_JDK_MIN_VERSION=21

# Prints the full version (e.g. 25.0.3) of the JDK at $1; fails if it is not a JDK.
_rag_jdk_version() {
  local home=$1 version=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$version" ]; then
    # No release file (some distro layouts): ask the launcher.
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  [ -n "$version" ] || return 1
  printf '%s\n' "$version"
}

# Major version of a Java version string: 1.8.0_402 -> 8, 25.0.3 -> 25, 21-ea -> 21.
_rag_jdk_major() {
  local v=$1
  case $v in
    1.*) v=${v#1.} ;;
  esac
  v=${v%%[!0-9]*}
  printf '%s\n' "${v:-0}"
}

# Succeeds (and prints the version) when $1 is a JDK >= RAG_JDK_MIN_VERSION.
_rag_jdk_usable() {
  local version
  version=$(_rag_jdk_version "$1") || return 1
  [ "$(_rag_jdk_major "$version")" -ge "$RAG_JDK_MIN_VERSION" ] || return 1
  printf '%s\n' "$version"
}

_rag_jdk_find() {
  local candidate version java_bin best="" best_version="" roots root
  if [ -n "${JAVA_HOME:-}" ] && _rag_jdk_usable "$JAVA_HOME" >/dev/null; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  if java_bin=$(command -v java 2>/dev/null); then
    # Resolve /usr/bin/java -> /etc/alternatives/java -> <home>/bin/java.
    java_bin=$(readlink -f "$java_bin" 2>/dev/null || printf '%s' "$java_bin")
    candidate=$(dirname "$(dirname "$java_bin")")
    if _rag_jdk_usable "$candidate" >/dev/null; then
      printf '%s\n' "$candidate"
      return 0
    fi
  fi
  roots=${RAG_JDK_SEARCH_ROOTS-"/usr/lib/jvm/* /opt/java/* /opt/jdk* $HOME/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home"}
  for root in $roots; do
    [ -d "$root" ] || continue
    candidate=$(cd "$root" && pwd -P)
    version=$(_rag_jdk_usable "$candidate") || continue
    if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best_version" "$version" | sort -V | tail -n 1)" != "$best_version" ]; then
      best=$candidate
      best_version=$version
    fi
  done
  [ -n "$best" ] || return 1
  printf '%s\n' "$best"
}

if _rag_jdk_home=$(_rag_jdk_find); then
  export JAVA_HOME=$_rag_jdk_home
  case ":$PATH:" in
    *":$JAVA_HOME/bin:"*) ;;
    *) export PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  unset _rag_jdk_home
  if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    echo "JAVA_HOME=$JAVA_HOME (Java $(_rag_jdk_version "$JAVA_HOME"))"
  fi
else
  unset _rag_jdk_home
  {
    echo "JDK ${RAG_JDK_MIN_VERSION} or newer not found (checked JAVA_HOME, java on PATH and the usual install directories)."
    echo "Install one, e.g.: apt-get install openjdk-${RAG_JDK_MIN_VERSION}-jdk-headless (or temurin-${RAG_JDK_MIN_VERSION}-jdk),"
    echo "or point JAVA_HOME at an existing JDK ${RAG_JDK_MIN_VERSION}+."
  } >&2
  # Sourced from an interactive shell: do not close the user's terminal.
  case $- in
    *i*) return 1 ;;
    *) exit 1 ;;
  esac
fi
