# Sourced by ./mvnw and .ci/run. Neo4j 2026 needs Java 21+, but the default `java` on some machines is older:
# keep JAVA_HOME when it is 21+, otherwise use the newest JDK 21+ found in the usual install directories.
__cg_java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}
__cg_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(__cg_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return 0
  fi
  if [ -z "${JAVA_HOME:-}" ] && command -v java >/dev/null 2>&1; then
    __cg_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if [ "$(__cg_java_major "$__cg_home")" -ge 21 ] 2>/dev/null; then echo "$__cg_home"; return 0; fi
  fi
  for __cg_dir in $(ls -d /usr/lib/jvm/*/ /opt/java/*/ /usr/local/*jdk*/ /opt/*jdk*/ 2>/dev/null | sort -rV); do
    __cg_dir="${__cg_dir%/}"
    if [ -x "$__cg_dir/bin/javac" ] && [ "$(__cg_java_major "$__cg_dir")" -ge 21 ] 2>/dev/null; then
      echo "$__cg_dir"; return 0
    fi
  done
  return 1
}
# ./mvnw runs with globbing off (set -f); the directory scan needs it for a moment.
case $- in *f*) __cg_noglob=1; set +f ;; *) __cg_noglob=0 ;; esac
if __cg_jdk="$(__cg_pick_jdk)"; then
  if [ "${JAVA_HOME:-}" != "$__cg_jdk" ]; then
    echo "[customer-graph] using the JDK at $__cg_jdk (Java 21+ is required)" >&2
  fi
  export JAVA_HOME="$__cg_jdk"
else
  echo "[customer-graph] no JDK 21 or newer found; install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME" >&2
fi
[ "$__cg_noglob" = 1 ] && set -f
unset -f __cg_java_major __cg_pick_jdk
