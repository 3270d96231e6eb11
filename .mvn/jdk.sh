# Sourced by ./mvnw, .ci/run, or a shell (`. .mvn/jdk.sh`): the build needs JDK 25. With JAVA_HOME
# unset, export the `java` on PATH's JDK if it is >= 25, else the oldest installed JDK >= 25 (Debian's
# default java is 17). A JAVA_HOME that is set is left alone: the enforcer names it if too old.
mvnw_jdk_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

mvnw_find_jdk() {
  [ -z "${JAVA_HOME-}" ] || return 0
  on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$on_path" ]; then
    home=$(dirname "$(dirname "$(readlink -f "$on_path")")")
    if [ "$(mvnw_jdk_major "$home")" -ge 25 ] 2>/dev/null; then
      JAVA_HOME=$home
      export JAVA_HOME
      return 0
    fi
  fi
  best="" best_major="" noglob=""
  case $- in *f*) noglob=1 ;; esac
  set +f
  for home in /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* /opt/java/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/javac" ] || continue
    major=$(mvnw_jdk_major "$home")
    [ -n "$major" ] && [ "$major" -ge 25 ] || continue
    if [ -z "$best" ] || [ "$major" -lt "$best_major" ]; then
      best=$home best_major=$major
    fi
  done
  [ -z "$noglob" ] || set -f
  if [ -n "$best" ]; then
    echo "mvnw: JAVA_HOME is unset and the java on PATH is older than 25: using $best" >&2
    JAVA_HOME=$best
    export JAVA_HOME
  fi
}

mvnw_find_jdk
