#!/usr/bin/env bash
# Packages Airlock with jpackage: a runtime jlink'd from this JDK with JavaFX on the module path (so JavaFX loads
# as named modules and starts without warnings), the agents' prelinked runtime (an installed app's runtime cannot
# jlink another), the CLI jar, and on JDK 25+ an ahead-of-time cache trained on a run of the packaged app.
#
#   installer/jpackage.sh app-image   -> installer/target/app-image/airlock   (what the test suite builds)
#   installer/jpackage.sh deb         -> installer/target/airlock_VERSION_amd64.deb
#   installer/jpackage.sh msi|dmg     -> the same on Windows / macOS (run there; see installer/README.md)
#
# Needs app/cli/target/airlock.jar and the JavaFX jars for this platform in installer/target/fx: `./mvnw -B package`
# makes both. JAVA_HOME must be a JDK 21+ with jlink and jpackage (on 24+ the launcher also allows JavaFX 21's
# off-heap access, which would otherwise warn).
set -euo pipefail
type="${1:-app-image}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$root/app/cli/target/airlock.jar"
fx="$here/target/fx"
out="$here/target"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

fail() { echo "installer: $*" >&2; exit 2; }
[ -f "$jar" ] || fail "$jar is missing; build it first: ./mvnw -B package -DskipTests"
compgen -G "$fx/javafx-graphics-*.jar" >/dev/null || fail "no JavaFX jars in $fx; run: ./mvnw -B package -DskipTests"
for tool in jlink jpackage java; do
  [ -x "$java_home/bin/$tool" ] || fail "no $tool in $java_home/bin; set JAVA_HOME to a JDK 21+"
done
case "$type" in app-image|deb|rpm|msi|exe|dmg|pkg) ;; *) fail "unknown package type '$type'";; esac

feature="$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"
version="$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')"
app_version="${version%%-*}"
# The time the packaged jar carries, for the ahead-of-time cache: a build's own, or a reproducible one when asked.
JAR_EPOCH="${SOURCE_DATE_EPOCH:-$(date -r "$jar" +%s)}"

rm -rf "$out/runtime" "$out/agent-runtime" "$out/input" "$out/app-image" "$out"/*.deb "$out/training".*
mkdir -p "$out/input"
cp "$jar" "$out/input/airlock.jar"

echo "installer: linking the agents' runtime"
# Beside the app, not in --input: jpackage puts every jar of the input on the class path, jrt-fs.jar included.
"$java_home/bin/java" -cp "$jar" dev.airlock.sandbox.images.AgentJavaImage "$out/agent-runtime"

echo "installer: linking the app's runtime with JavaFX"
# java.se for the CLI and the gate, jdk.unsupported for libraries that still use Unsafe, jdk.crypto.ec for TLS to
# model endpoints, jdk.zipfs for plugin jars, jdk.jlink is not needed (agents' runtime is prelinked above).
"$java_home/bin/jlink" --module-path "$fx" \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.net,javafx.controls,javafx.swing \
  --strip-debug --no-man-pages --no-header-files --output "$out/runtime"

options=(--enable-native-access=javafx.graphics,ALL-UNNAMED "-Dairlock.agentRuntime=\$APPDIR/../agent-runtime")
if [ "$feature" -ge 24 ]; then
  # JavaFX 21's Marlin renderer allocates off-heap through sun.misc.Unsafe; JDK 24+ warns at first use unless told.
  options+=(--sun-misc-unsafe-memory-access=allow)
fi
common=(--name airlock --app-version "$app_version" --vendor "Airlock"
        --description "Draw, launch, gate, watch and export agent decompositions")
args=("${common[@]}" --runtime-image "$out/runtime" --input "$out/input" --main-jar airlock.jar
      --app-content "$out/agent-runtime" --main-class dev.airlock.cli.Airlock)
for o in "${options[@]}"; do args+=(--java-options "$o"); done

"$java_home/bin/jpackage" --type app-image --dest "$out/app-image" "${args[@]}"
app="$out/app-image/airlock"
[ -d "$app" ] || app="$out/app-image/airlock.app/Contents"

if [ "$feature" -ge 25 ] && [ -d "$app/lib/app" ]; then
  # JDK 25's ahead-of-time cache: the classes a start loads and links and the methods' profiles, saved from one
  # training run of the app as packaged (the cache checks the jar's size and time, not its directory). When a
  # display is there, the training opens the workbench and watches a synthetic run in the live view, so that a
  # user's first run starts with its code compiled: without those profiles the first two seconds of a busy run's
  # view were mostly long frames (docs/performance.md). Its events are 1,000 a second, not the benchmark's 5,000.
  # Without a display, a validation of a bundled sample.
  training=(validate "$root/samples/research-assistant/research-assistant.yaml")
  if [ -n "${DISPLAY:-}" ]; then
    training=(ui --bench-live --rate 1000 --seconds 11)
  fi
  # The cache is valid only for the jar's exact modification time. jpackage's installers copy the jar and dpkg may
  # not keep its time, so the jar gets a fixed one here and postinst gives the installed copy the same again.
  touch -d "@$JAR_EPOCH" "$app/lib/app/airlock.jar"
  echo "installer: training the ahead-of-time cache (airlock ${training[0]})"
  "$app/lib/runtime/bin/java" "${options[@]//\$APPDIR/$app/lib/app}" -XX:AOTCacheOutput="$app/lib/app/airlock.aot" \
    -cp "$app/lib/app/airlock.jar" dev.airlock.cli.Airlock "${training[@]}" >/dev/null 2>"$out/training.log" \
    || { cat "$out/training.log" >&2; fail "the training run failed"; }
  echo 'java-options=-XX:AOTCache=$APPDIR/airlock.aot' >> "$app/lib/app/airlock.cfg"
fi

case "$type" in
  app-image)
    echo "installer: $app/bin/airlock"
    ;;
  deb)
    resources="$out/linux-resources"
    rm -rf "$resources" && cp -r "$here/linux" "$resources"
    sed -i "s/@JAR_EPOCH@/$JAR_EPOCH/" "$resources/postinst"
    # The launcher opens the workbench with no arguments; the menu entry starts it so, and postinst links the
    # launcher onto the PATH as /usr/bin/airlock.
    # dpkg-deb's default xz takes minutes over two runtimes; gzip takes seconds for a slightly larger file.
    DPKG_DEB_COMPRESSOR_TYPE=gzip "$java_home/bin/jpackage" --type deb --dest "$out" "${common[@]}" \
      --app-image "$out/app-image/airlock" --resource-dir "$resources" \
      --linux-package-name airlock --linux-shortcut --linux-menu-group Development \
      --linux-app-category devel --linux-package-deps libgtk-3-0
    ls "$out"/*.deb
    ;;
  *)
    "$java_home/bin/jpackage" --type "$type" --dest "$out" "${common[@]}" --app-image "$out/app-image/airlock"
    ;;
esac
