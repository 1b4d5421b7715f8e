#!/usr/bin/env bash
# Renders what operations staff see into docs/: the Teams cards (through the adaptivecards renderer, in a Teams-like
# light theme) and the emails, from the production renderers fed with src/test/.../SampleNotices. Needs Chromium
# (apt-get install -y --no-install-recommends chromium), Node/npm and the cached Maven dependencies.
# Not part of `mvn verify`: run it after changing how notices look, and commit the PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/target/render"
mkdir -p "$out"

chromium_bin=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium_bin" ] || { echo "chromium is not installed: apt-get install -y --no-install-recommends chromium" >&2; exit 1; }

# 1. What the production code renders (card JSON, email HTML).
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test
java -cp "$root/target/test-classes:$root/target/classes:$(cat "$out/classpath.txt")" \
  io.kvrotator.testing.NoticeSampleWriter "$out"

# 2. The Adaptive Cards renderer, installed from the committed lockfile.
[ -f tools/render/node_modules/adaptivecards/dist/adaptivecards.min.js ] || (cd tools/render && npm ci --no-audit --no-fund --silent)
bundle=tools/render/node_modules/adaptivecards/dist/adaptivecards.min.js

# 3. One self-contained page per card (file:// pages may not load anything else).
card_page() {
  local card_json=$1 page=$2
  {
    cat <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 20px; background: #ebebeb; font-family: "Segoe UI", "DejaVu Sans", sans-serif; }
.frame { width: 520px; background: #ffffff; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.18); overflow: hidden; }
.from { font-size: 12px; color: #616161; margin: 0 0 6px 2px; }
.ac-pushButton { background: #ffffff; border: 1px solid #d1d1d1; border-radius: 4px; padding: 6px 14px;
  font: 600 14px "Segoe UI", "DejaVu Sans", sans-serif; color: #242424; cursor: pointer; }
</style><script>
HTML
    cat "$bundle"
    cat <<'HTML'
</script></head><body><div class="from">kv-rotator via Workflows · Teams channel</div><div class="frame" id="card"></div><script>
const hostConfig = {
  fontFamily: '"Segoe UI", "DejaVu Sans", sans-serif',
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 30, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E0E0E0" },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default:   { backgroundColor: "#FFFFFF", foregroundColors: { default: { default: "#242424", subtle: "#616161" }, accent: { default: "#5B5FC7" }, attention: { default: "#C4314B" }, good: { default: "#237B4B" }, warning: { default: "#835B00" } } },
    emphasis:  { backgroundColor: "#F5F5F5", foregroundColors: { default: { default: "#242424", subtle: "#616161" }, accent: { default: "#5B5FC7" }, attention: { default: "#C4314B" }, good: { default: "#237B4B" }, warning: { default: "#835B00" } } },
    attention: { backgroundColor: "#FCF4F6", foregroundColors: { default: { default: "#242424", subtle: "#616161" }, attention: { default: "#C4314B" } } },
    good:      { backgroundColor: "#F1FAF1", foregroundColors: { default: { default: "#242424", subtle: "#616161" }, good: { default: "#237B4B" } } },
    warning:   { backgroundColor: "#FFF9F5", foregroundColors: { default: { default: "#242424", subtle: "#616161" }, warning: { default: "#835B00" } } }
  },
  actions: { maxActions: 5, spacing: "default", buttonSpacing: 8, actionsOrientation: "horizontal", actionAlignment: "left" },
  factSet: { title: { weight: "bolder", size: "default", wrap: true, maxWidth: 170 }, value: { wrap: true }, spacing: 10 }
};
HTML
    printf 'const payload = %s;\n' "$(cat "$card_json")"
    cat <<'HTML'
const card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
const context = new AdaptiveCards.SerializationContext();
card.parse(payload, context);
for (let i = 0; i < context.eventCount; i++) { console.error("adaptivecards: " + context.getEventAt(i).message); }
document.getElementById("card").appendChild(card.render());
</script></body></html>
HTML
  } > "$page"
}

# 4. Photograph each page with headless Chromium; it writes nothing to the real home directory.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shoot() {
  local page=$1 png=$2 size=$3
  HOME="$profile" XDG_CONFIG_HOME="$profile/config" XDG_CACHE_HOME="$profile/cache" \
    "$chromium_bin" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
      --user-data-dir="$profile/chromium" --force-device-scale-factor=1 --window-size="$size" \
      --screenshot="$png" "file://$page" >/dev/null 2>&1
}

card_page "$out/card-expired.json" "$out/card-expired.html"
card_page "$out/card-rotation-failed.json" "$out/card-rotation-failed.html"
card_page "$out/card-digest.json" "$out/card-digest.html"
shoot "$out/card-expired.html" "$root/docs/teams-card-expired.png" 560,380
shoot "$out/card-rotation-failed.html" "$root/docs/teams-card-rotation-failed.png" 560,480
shoot "$out/card-digest.html" "$root/docs/teams-card-digest.png" 560,560
shoot "$out/mail-rotation-failed.html" "$root/docs/email-rotation-failed.png" 700,540
shoot "$out/mail-digest.html" "$root/docs/email-digest.png" 700,640
ls -l "$root"/docs/*.png
