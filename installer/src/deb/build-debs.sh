#!/usr/bin/env bash
# Builds the two Debian packages (issue 14 point 1) from the reactor's jars:
#   countertop-pos      the till: jpackage app-image on a jlinked runtime with JavaFX linked in as modules
#   countertop-pos-hub  the store hub: its own jlinked runtime (no JavaFX), a system user, a systemd unit
# Each .deb is laid out by hand and packed with dpkg-deb (gzip -1: fast; control files, conffiles and
# maintainer scripts fully ours, from installer/src/deb/<package>/).
#
# usage: build-debs.sh ROOT OUT VERSION [--if-tools]
#   ROOT     the source tree (pos-app/target, pos-hub/target, assets/)
#   OUT      the work and output folder (OUT/*.deb)
#   --if-tools  when jlink, jpackage or dpkg-deb is missing, say so and stop without failing
#               (the normal `./mvnw verify` on a machine without them; `./pos package` installs them first)
set -euo pipefail

ROOT=$(cd "$1" && pwd)
OUT=$2
VERSION=$3
IF_TOOLS=${4:-}
SRC="$ROOT/installer/src/deb"

say() { printf 'build-debs: %s\n' "$*" >&2; }

missing=()
for tool in jlink jpackage dpkg-deb objcopy; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$IF_TOOLS" = --if-tools ]; then
    say "not building the .deb packages: missing ${missing[*]} (a full JDK 17+ has jlink and jpackage; dpkg-deb is in dpkg; objcopy in binutils). ./pos package installs them."
    exit 0
  fi
  say "cannot build the .deb packages: missing ${missing[*]} (a full JDK 17+ has jlink and jpackage; dpkg-deb is in dpkg; objcopy, which jlink's --strip-debug uses, is in binutils)"
  exit 1
fi
for f in pos-app/target/pos-app.jar pos-hub/target/pos-hub.jar assets/jvm/till-java-options assets/icons/pos.png; do
  [ -f "$ROOT/$f" ] || { say "missing $ROOT/$f: build pos-app and pos-hub first (./mvnw -B package -pl installer -am)"; exit 1; }
done

ARCH=$(dpkg --print-architecture)
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
started=$(date +%s)

# JDK modules. The till's: from jdeps over pos-app and its libs (FXML needs java.scripting), plus TLS, locales, zip.
# The hub's: no JavaFX, no scripting; java.desktop for the vouchers' QR images (ImageIO), java.sql with its XA
# module for MariaDB and Flyway, jdk.management and jdk.naming.dns for Netty and Lettuce. The package test
# starts the installed hub against Redis and MariaDB, so a missing module fails there.
TILL_JDK_MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.jfr,jdk.net,jdk.unsupported,jdk.crypto.ec,jdk.localedata,jdk.zipfs
JAVAFX_MODULES=javafx.base,javafx.graphics,javafx.controls,javafx.fxml
HUB_JDK_MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.localedata,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
# Never --strip-native-commands: the till starts its fingerprint worker with the runtime's bin/java (installer/pom.xml).
# installer/pom.xml passes its jpackage.jlinkOptions (checked there by the enforcer) in JLINK_OPTIONS.
read -r -a JLINK_OPTIONS <<< "${JLINK_OPTIONS:---strip-debug --no-man-pages --no-header-files}"
case " ${JLINK_OPTIONS[*]} " in
  *" --strip-native-commands "*) say "JLINK_OPTIONS must not contain --strip-native-commands: the till starts its fingerprint worker with the runtime's bin/java"; exit 1 ;;
esac

# --- the till's inputs: its jar and libraries, JavaFX kept apart for the module path ---
mkdir -p "$OUT/till-input/lib" "$OUT/javafx"
cp "$ROOT/pos-app/target/pos-app.jar" "$OUT/till-input/"
for jar in "$ROOT"/pos-app/target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-linux.jar) cp "$jar" "$OUT/javafx/" ;;  # the platform jars: modular, with the native libraries
    javafx-*.jar) ;;                                   # the empty per-platform stand-ins: not needed
    *) cp "$jar" "$OUT/till-input/lib/" ;;
  esac
done
[ -n "$(ls "$OUT/javafx")" ] || { say "no javafx-*-linux.jar in pos-app/target/lib"; exit 1; }

# The JVM options, the same file `./pos till` reads: one option a line, # comments.
till_java_options=()
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%%#*}"
  line="$(printf '%s' "$line" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
  [ -n "$line" ] && till_java_options+=(--java-options "$line")
done < "$ROOT/assets/jvm/till-java-options"
# Class-data sharing: the JDK's classes from the runtime's own archive (made below); the till's own classes
# from the archive postinst dumps at the installed paths. A missing archive only costs start-up time.
till_java_options+=(--java-options "-XX:SharedArchiveFile=/var/lib/countertop-pos/cds/till.jsa" --java-options "-Xshare:auto")

# --- jlink both runtimes at once (2 cores) ---
say "jlink: the till's runtime (JDK + JavaFX modules) and the hub's (no JavaFX)"
jlink "${JLINK_OPTIONS[@]}" --module-path "$OUT/javafx" --add-modules "$TILL_JDK_MODULES,$JAVAFX_MODULES" \
  --output "$OUT/runtime-till" &
till_jlink=$!
jlink "${JLINK_OPTIONS[@]}" --add-modules "$HUB_JDK_MODULES" --output "$OUT/runtime-hub" &
hub_jlink=$!
wait $till_jlink || { say "jlink of the till's runtime failed"; exit 1; }
wait $hub_jlink || { say "jlink of the hub's runtime failed"; exit 1; }
# JavaFX's native libraries next to the JDK's: loaded from there, never unpacked into ~/.openjfx/cache.
for jar in "$OUT"/javafx/*.jar; do
  if unzip -Z1 "$jar" | grep '\.so$' >/dev/null; then
    (cd "$OUT/runtime-till/lib" && unzip -q -o -j "$jar" '*.so')
  fi
done
chmod 0755 "$OUT"/runtime-till/lib/lib*.so
for runtime in runtime-till runtime-hub; do
  [ -x "$OUT/$runtime/bin/java" ] || { say "$runtime has no bin/java: the till could not start its fingerprint worker"; exit 1; }
done
# The runtimes' own CDS archives of the JDK classes (jlink in 17 makes none; java -Xshare:dump does).
"$OUT/runtime-till/bin/java" -Xshare:dump >/dev/null & till_dump=$!
"$OUT/runtime-hub/bin/java" -Xshare:dump >/dev/null & hub_dump=$!
wait $till_dump || { say "the till runtime's CDS dump failed"; exit 1; }
wait $hub_dump || { say "the hub runtime's CDS dump failed"; exit 1; }

# --- the till's app-image ---
say "jpackage: the till's app-image"
jpackage --type app-image --name countertop-pos --app-version "$VERSION" --vendor "Countertop POS" \
  --runtime-image "$OUT/runtime-till" --input "$OUT/till-input" --main-jar pos-app.jar --main-class pos.app.Launcher \
  --icon "$ROOT/assets/icons/pos.png" "${till_java_options[@]}" --dest "$OUT/image"
# The till's class list for postinst's CDS dump (shipped; the archive itself is made at the installed paths).
# Made by a run of the till: JAVA_TOOL_OPTIONS=-XX:DumpLoadedClassList=till.classlist countertop-pos, closed
# once its window shows. A stale list only archives fewer classes: the dump skips what it cannot find.
cp "$SRC/countertop-pos/till.classlist" "$OUT/image/countertop-pos/lib/app/till.classlist"

# --- the hub's app-image ---
say "jpackage: the hub's app-image"
mkdir -p "$OUT/hub-input/lib"
cp "$ROOT/pos-hub/target/pos-hub.jar" "$OUT/hub-input/"
cp "$ROOT"/pos-hub/target/lib/*.jar "$OUT/hub-input/lib/"
jpackage --type app-image --name countertop-pos-hub --app-version "$VERSION" --vendor "Countertop POS" \
  --runtime-image "$OUT/runtime-hub" --input "$OUT/hub-input" --main-jar pos-hub.jar --main-class pos.hub.HubMain \
  --java-options -Djava.awt.headless=true --java-options -XX:+ExitOnOutOfMemoryError \
  --dest "$OUT/image"

# --- the Debian trees ---
# control: the package's control file with @VERSION@, @ARCH@ and @SIZE@ filled in
control() { # package tree
  local size
  size=$(du -sk --exclude=DEBIAN "$2" | cut -f1)
  sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$size/" "$SRC/$1/control" > "$2/DEBIAN/control"
  for script in preinst postinst prerm postrm conffiles; do
    if [ -f "$SRC/$1/$script" ]; then
      install -m 0755 "$SRC/$1/$script" "$2/DEBIAN/$script"
    fi
  done
  [ -f "$2/DEBIAN/conffiles" ] && chmod 0644 "$2/DEBIAN/conffiles"
  return 0
}

say "laying out the package trees"
T="$OUT/tree/countertop-pos"
mkdir -p "$T/DEBIAN" "$T/opt" "$T/usr/bin" "$T/usr/share/applications" "$T/usr/share/icons/hicolor/256x256/apps" \
  "$T/usr/lib/udev/rules.d" "$T/usr/share/countertop-pos"
cp -a "$OUT/image/countertop-pos" "$T/opt/countertop-pos"
ln -s /opt/countertop-pos/bin/countertop-pos "$T/usr/bin/countertop-pos"
install -m 0644 "$SRC/countertop-pos/countertop-pos.desktop" "$T/usr/share/applications/countertop-pos.desktop"
install -m 0644 "$ROOT/assets/icons/pos.png" "$T/usr/share/icons/hicolor/256x256/apps/countertop-pos.png"
install -m 0644 "$SRC/countertop-pos/till-users.example" "$T/usr/share/countertop-pos/till-users.example"
# The fingerprint readers libfprint drives, by USB id, from libfprint's own hwdb: group plugdev may open them.
# Printers need no rule: /dev/usb/lp* is group lp and serial ports group dialout already (udev's defaults).
{
  cat "$SRC/countertop-pos/70-countertop-pos.rules.head"
  hwdb=/usr/lib/udev/hwdb.d/60-autosuspend-libfprint-2.hwdb
  [ -f "$hwdb" ] || hwdb=/lib/udev/hwdb.d/60-autosuspend-libfprint-2.hwdb
  if [ -f "$hwdb" ]; then
    awk '/^# Supported by libfprint driver/ { supported = 1; next }
         /^# / && !/^# Supported/ { supported = 0 }
         supported && /^usb:v[0-9A-Fa-f]{4}p[0-9A-Fa-f]{4}\*$/ {
           printf "SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", ATTR{idVendor}==\"%s\", ATTR{idProduct}==\"%s\", GROUP=\"plugdev\", MODE=\"0660\"\n",
             tolower(substr($0, 6, 4)), tolower(substr($0, 11, 4)) }' "$hwdb" | sort -u
  else
    say "no libfprint hwdb on this machine (install libfprint-2-2): the fingerprint rules list no reader" >&2
  fi
} > "$T/usr/lib/udev/rules.d/70-countertop-pos.rules"
chmod 0644 "$T/usr/lib/udev/rules.d/70-countertop-pos.rules"
control countertop-pos "$T"

H="$OUT/tree/countertop-pos-hub"
mkdir -p "$H/DEBIAN" "$H/opt" "$H/usr/lib/systemd/system" "$H/etc/countertop-pos" "$H/usr/share/countertop-pos-hub"
cp -a "$OUT/image/countertop-pos-hub" "$H/opt/countertop-pos-hub"
install -m 0644 "$SRC/countertop-pos-hub/countertop-pos-hub.service" "$H/usr/lib/systemd/system/countertop-pos-hub.service"
install -m 0644 "$SRC/countertop-pos-hub/hub.properties" "$H/etc/countertop-pos/hub.properties"
install -m 0644 "$SRC/countertop-pos-hub/hub-secrets.properties.example" "$H/usr/share/countertop-pos-hub/hub-secrets.properties.example"
control countertop-pos-hub "$H"

say "dpkg-deb: packing (gzip -1)"
pids=()
for pkg in countertop-pos countertop-pos-hub; do
  dpkg-deb --root-owner-group -Zgzip -z1 --build "$OUT/tree/$pkg" "$OUT/${pkg}_${VERSION}_${ARCH}.deb" >/dev/null &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || { say "dpkg-deb failed"; exit 1; }; done
# kept: image/ (the two app-images, runnable without installing: image/countertop-pos/bin/countertop-pos)
rm -rf "$OUT/tree" "$OUT/till-input" "$OUT/hub-input" "$OUT/javafx" "$OUT/runtime-till" "$OUT/runtime-hub"
say "built in $(( $(date +%s) - started )) s: $(cd "$OUT" && ls *.deb | tr '\n' ' ')"
