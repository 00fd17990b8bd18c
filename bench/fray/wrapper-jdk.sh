#!/usr/bin/env bash
# Makes a JDK 25 that Fray's prepare-fray goal can jlink from: every tool of the real JDK,
# except jlink, which drops the --module-path=.../jmods argument (this JDK has no jmods/) and
# links the run-time image's own modules instead (JEP 493). Usage: wrapper-jdk.sh REAL_JDK OUT_DIR
set -euo pipefail
real=${1:?real JDK 25 home}
out=${2:?output directory}
rm -rf "$out"
mkdir -p "$out/bin"
for tool in "$real"/bin/*; do
  ln -s "$tool" "$out/bin/$(basename "$tool")"
done
ln -s "$real/lib" "$out/lib"
ln -s "$real/conf" "$out/conf"
[ -d "$real/include" ] && ln -s "$real/include" "$out/include"
cp "$real/release" "$out/release"
modules=$("$real/bin/java" --list-modules | sed 's/@.*//' | grep -v -e '^jdk.jlink$' -e '^jdk.jpackage$' | paste -sd, -)
rm "$out/bin/jlink"
cat > "$out/bin/jlink" <<SCRIPT
#!/usr/bin/env bash
args=()
skip=0
prev=
for a in "\$@"; do
  if [ \$skip = 1 ]; then skip=0; continue; fi
  case "\$a" in
    --module-path=*|-p=*|--add-modules=ALL-MODULE-PATH) ;;
    --module-path|-p) skip=1 ;;
    --add-modules) prev=\$a ;;
    ALL-MODULE-PATH) [ "\$prev" = --add-modules ] || args+=("\$a") ;;
    *) [ -n "\$prev" ] && args+=("\$prev"); args+=("\$a") ;;
  esac
  [ "\$a" = --add-modules ] || prev=
done
exec "$real/bin/jlink" "\${args[@]}" --add-modules $modules
SCRIPT
chmod +x "$out/bin/jlink"
echo "$out"
