#!/usr/bin/env bash
# site-test.sh runs the blog's checks: the pinned tools build, the step
# diffs are fresh, the draw.io diagrams are sound, Hugo builds without a
# warning, no internal link or anchor is broken, every external link is
# well formed and verified (without fetching it), no post types in a number
# that a run or the code decides and every post keeps to its word budget
# (tools/postcheck), and, in a real browser,
# the 3e post shows the batcher's code and a table of contents, in light
# and in dark mode (screenshots go to tmp/screenshots/), and every post
# and the main pages are laid out for a desktop and a phone
# (tools/pagecheck: code not clipped, columns aligned, no sideways
# scrolling, readable diagrams and charts, chart targets labelled and
# chart labels apart, code blocks on a background of their own), and the
# design-space post draws its chart, with its marks and target regions.
# From the built site: tables show rounded numbers, every results table
# has a targets column, the 3e latency chart shows its targets, and the
# home page is an introduction rather than the list of posts.
#
# Run from anywhere: make site-test. The last line is the summary,
# "site-test: N passed, N failed"; the exit status is 1 if any failed.
#
# Settings, from the environment:
#   SITE_TEST_POST=/posts/broadcast-3e/      page the browser check opens
#   SITE_TEST_CODE=broadcast-3e/batcher.go   step file whose code that page must show
#   SITE_TEST_PORT=1319                      port of the test's own hugo serve
#   SITE_TEST_SKIP_BROWSER=1                 skip the browser check
#   SITE_TEST_CONFIG=hugo.toml               Hugo config file(s)
#   SITE_TEST_PUBLIC=public                  where the site is built
#   CHROMIUM=chromium                        the browser (default: chromium on PATH)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

post=${SITE_TEST_POST:-/posts/broadcast-3e/}
code_file=${SITE_TEST_CODE:-broadcast-3e/batcher.go}
port=${SITE_TEST_PORT:-1319}
config=${SITE_TEST_CONFIG:-hugo.toml}
public=${SITE_TEST_PUBLIC:-public}
work=tmp/site-test
shots=tmp/screenshots
mkdir -p "$work" "$shots"

passed=0
failed=0
pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
summary() {
	echo "site-test: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

# check NAME COMMAND...: runs the command quietly, showing its output
# only when it fails.
check() {
	local name=$1 log
	shift
	log="$work/$(echo "$name" | tr -c 'a-z0-9\n' '-').log"
	if "$@" >"$log" 2>&1; then
		pass "$name"
	else
		sed -e '$a\' "$log"
		fail "$name"
		return 1
	fi
}

build_tools() {
	GOWORK=off go -C tools/hugo build -o ../../bin/hugo github.com/gohugoio/hugo &&
		GOWORK=off go -C tools/htmltest build -o ../../bin/htmltest github.com/wjdp/htmltest
}

check "pinned tools build (bin/hugo, bin/htmltest)" build_tools || summary
check "step diffs are up to date (make diffs)" go run ./tools/stepdiff -check
check "draw.io diagrams" go test ./tools/drawio/...
check "posts type in no number a run or the code decides (postcheck numbers)" go run ./tools/postcheck numbers content
check "posts keep to their word budgets (postcheck words)" go run ./tools/postcheck words content

# rounded_tables: every number in a table of the built site is rounded
# by the one rule of layouts/_partials/results/format.html.
rounded_tables() {
	local raw
	raw=$(grep -rhoE '<td[^>]*>-?[0-9]+\.[0-9]{3,}[^<]*</td>' "$public" --include='*.html' | sort -u)
	[ -z "$raw" ] || { echo "unrounded numbers in tables:"; echo "$raw"; return 1; }
}

# results_targets: every table of runs' results (the results shortcode's,
# class "results") has a column that says which targets each row meets.
# Tables of figures derived from runs (the design-space post's arithmetic,
# load, delays and other cluster sizes, class "derived") judge nothing and
# are left out; how many were is said.
results_targets() {
	local page table tables=0 bad=0
	for page in $(grep -rl '<table class="results' "$public" --include='*.html'); do
		while IFS= read -r table; do
			tables=$((tables + 1))
			grep -qiE '<th[^>]*>[^<]*target' <<<"$table" ||
				{ echo "$page: a results table without a targets column: ${table:0:300}"; bad=1; }
		done < <(tr '\n' ' ' <"$page" | grep -oP '<table class="results(?![^"]*\bderived\b)[^"]*">.*?</thead>')
	done
	[ "$tables" -gt 0 ] || { echo "no results table found in $public"; return 1; }
	echo "$tables results tables checked, $(cat "$public"/posts/*/index.html | grep -o '<table class="results[^"]*\bderived\b' | wc -l) derived ones left out"
	return $bad
}

# latency_targets: the 3e post's latency chart shows the challenge's
# latency targets (from data/results.json), each with its label.
latency_targets() {
	local page="$public/posts/broadcast-3e/index.html" want
	for want in 'median: target &lt; [0-9]+ ms' 'max: target &lt; [0-9]+ ms'; do
		tr '\n' ' ' <"$page" | grep -qE "<g class=\"target\"> *<line [^>]*></line> *<text [^>]*>$want</text>" ||
			{ echo "$page: no labelled target line \"$want\" in a chart"; return 1; }
	done
}

# home_page: the home page is an introduction, not /posts/ again: it has
# no list of pages, and it links every post, the results page and the
# repository (hugo.toml's params.repository).
home_page() {
	local home="$public/index.html" repo dir
	grep -q 'class="page-list' "$home" && { echo "$home lists the posts like /posts/ does"; return 1; }
	repo=$(sed -n "s/^ *repository = '\(.*\)'/\1/p" "$config")
	for want in /results/ "$repo" $(for dir in "$public"/posts/*/; do echo "/posts/$(basename "$dir")/"; done); do
		grep -q "href=\"$want\"" "$home" || { echo "$home does not link $want"; return 1; }
	done
}

if check "hugo build --panicOnWarning" \
	bin/hugo build --config "$config" --panicOnWarning --baseURL / --cleanDestinationDir --destination "$public"; then
	cat >"$work/htmltest.yml" <<-EOF
		DirectoryPath: $public
		CheckExternal: false
		IgnoreDirectoryMissingTrailingSlash: true
		OutputDir: $work/htmltest
	EOF
	check "internal links and anchors (htmltest)" bin/htmltest --conf "$work/htmltest.yml"
	check "external links well formed, and verified or into the repository (postcheck links; not fetched)" \
		go run ./tools/postcheck links -repo "$(sed -n "s/^ *repository = '\(.*\)'/\1/p" "$config")" -root . "$public"
	check "tables show rounded numbers (no value with more than two decimals)" rounded_tables
	check "every results table has a targets column" results_targets
	check "charts: the 3e latency chart draws 3e's median and max targets, labelled" latency_targets
	check "the home page introduces the series instead of listing the posts again" home_page
fi

# The browser check needs a browser; without one it is skipped, loudly.
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ "${SITE_TEST_SKIP_BROWSER:-}" = 1 ]; then
	echo "SKIP: browser check (SITE_TEST_SKIP_BROWSER=1)"
	summary
fi
if [ -z "$browser" ]; then
	echo "SKIP: browser check (chromium not installed)"
	summary
fi

server=
stop_server() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null
		server=
	fi
}
trap 'stop_server; rm -rf tmp/play-test' EXIT

check "the panels' programs build, and panics.wasm for the panel test (tools/playground)" \
	go run ./tools/playground/cmd/playground -out tmp/play -test-programs tmp/play-test
bin/hugo serve --config "$config" --bind 127.0.0.1 --port "$port" --renderToMemory --disableLiveReload \
	>"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 300); do
	grep -q "Web Server is available" "$work/serve.log" && break
	kill -0 "$server" 2>/dev/null || break
	sleep 0.2
done
if ! grep -q "Web Server is available" "$work/serve.log"; then
	cat "$work/serve.log"
	fail "hugo serve starts on port $port"
	summary
fi
url="http://127.0.0.1:$port$post"

# served: asks the server for the post, with bash's own TCP support so
# that no HTTP client is needed, and expects 200.
served() {
	local status
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$post" >&3
	read -r _ status _ <&3
	exec 3<&-
	[ "$status" = 200 ] || { echo "GET $url: status $status"; return 1; }
}
check "hugo serve serves $post" served || summary

# browse MODE ARGS...: runs headless Chromium in light or dark mode, in a
# fresh profile so no saved theme choice interferes.
browse() {
	local mode=$1 dark=
	shift
	[ "$mode" = dark ] && dark=--force-dark-mode
	rm -rf "$work/profile-$mode"
	"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --hide-scrollbars \
		--user-data-dir="$work/profile-$mode" --virtual-time-budget=5000 $dark "$@" 2>>"$work/chromium.log"
}

# The code must be the file's own: take its first func line that HTML
# shows unescaped, and look for it in the page's text.
code_line=$(grep -m1 -E '^func [^&<>]*$' "$code_file" 2>/dev/null)
dom_checks() {
	local mode=$1 dom="$work/dom-$mode.html"
	browse "$mode" --dump-dom "$url" >"$dom" || { echo "chromium could not load $url"; return 1; }
	grep -q "<html[^>]*class=\"$mode\"" "$dom" || { echo "$url: the page is not in $mode mode"; return 1; }
	grep -q 'id="TableOfContents"' "$dom" || { echo "$url: no table of contents"; return 1; }
	[ -n "$code_line" ] || { echo "$code_file: missing, or it has no func line"; return 1; }
	sed -e 's/<[^>]*>//g' "$dom" >"$dom.txt"
	grep -qF -- "$code_line" "$dom.txt" ||
		{ echo "$url does not show this line of $code_file: $code_line"; return 1; }
}
screenshot() {
	local mode=$1 png
	png="$shots/$(basename "$post")-$mode.png"
	rm -f "$png"
	browse "$mode" --window-size=1280,2400 --screenshot="$png" "$url" >/dev/null &&
		[ "$(stat -c %s "$png" 2>/dev/null || echo 0)" -gt 10000 ] ||
		{ echo "no screenshot (or a blank one) at $png"; return 1; }
}
for mode in light dark; do
	check "browser: $post in $mode mode shows $code_file and the table of contents" dom_checks "$mode"
	check "browser: screenshot $shots/$(basename "$post")-$mode.png" screenshot "$mode"
done

# design_space: the closing post shows its chart, as the browser builds
# the page: a mark for every point data/results.json puts on the chart,
# each with its label, and the challenges' target regions, each named.
design_space_url="http://127.0.0.1:$port/posts/design-space/"
design_space() {
	local dom="$work/dom-design-space.html" want marks labels regions names
	browse light --dump-dom "$design_space_url" >"$dom" || { echo "chromium could not load $design_space_url"; return 1; }
	grep -q '<svg[^>]*class="barchart designspace"' "$dom" || { echo "$design_space_url: no design-space chart"; return 1; }
	want=$(grep -c '"chart": true' data/results.json)
	marks=$(grep -o '<g class="mark"' "$dom" | wc -l)
	labels=$(grep -o '<text class="mark-label"[^>]*>[^<][^<]*</text>' "$dom" | wc -l)
	regions=$(grep -o '<g class="region region-[0-9]*"' "$dom" | wc -l)
	names=$(grep -o '<text class="region-label"[^>]*>[^<][^<]*</text>' "$dom" | wc -l)
	[ "$want" -gt 0 ] && [ "$marks" -eq "$want" ] && [ "$labels" -eq "$want" ] ||
		{ echo "$design_space_url: $marks marks and $labels labels, want $want (the chart points of data/results.json)"; return 1; }
	[ "$regions" -gt 0 ] && [ "$names" -eq "$regions" ] ||
		{ echo "$design_space_url: $regions target regions, $names of them named"; return 1; }
}
check "browser: the design-space post draws its chart (a labelled mark per design, named target regions)" design_space

# The "Run it here" panels (make play builds their programs): 3b's own
# run ends valid; 3a against 3b's challenge ends in a FAIL line with lost
# values; a program whose node panics (tools/playground's panics.wasm,
# served from tmp/play-test while this test runs) ends in its panic; the
# panel, after its run, at a phone's width in dark mode and at a laptop's
# in light mode (screenshots looked at by whoever changes it).
# play_run STEP: runs 3b's panel with that step, 3 s of ops, at the fastest
# playback, skipping to the end, and prints what the panel shows.
play_js() {
	cat <<-EOF
		(async () => {
		  const p = document.querySelector('.play'), f = p.querySelector('form');
		  if ('$1' === 'panics') { f.elements.step.add(new Option('panics', 'panics')); p.dataset.base = '/play-test/'; }
		  f.elements.step.value = '$1'; f.elements.time.value = 3; f.elements.speed.value = 20;
		  f.requestSubmit();
		  for (const t0 = Date.now(); Date.now() - t0 < 60000; await new Promise((r) => setTimeout(r, 100))) {
		    const skip = p.querySelector('.play-skip');
		    if (!skip.hidden) skip.click();
		    if (!p.querySelector('.play-result').hidden || /could not/.test(p.querySelector('.play-status').textContent)) break;
		  }
		  return p.querySelector('.play-status').textContent + '\n' + p.querySelector('.play-console').textContent;
		})()
	EOF
}
play_url="http://127.0.0.1:$port/posts/broadcast-3b/"
# play_panel STEP SHOT PATTERN... -- PAGECHECK FLAGS: every pattern (grep -E)
# must be in what the panel shows.
play_panel() {
	local step=$1 shot=$2 out want
	shift 2
	local wants=()
	while [ "$1" != -- ]; do wants+=("$1"); shift; done
	shift
	out=$(bin/pagecheck -chromium "$browser" -timeout 90s -eval "$(play_js "$step")" -screenshot "$shots/$shot" -clip .play "$@" "$play_url") ||
		{ echo "$out"; return 1; }
	for want in "${wants[@]}"; do
		echo "$out" | grep -qE -- "$want" || { echo "$play_url, $step: the panel does not show /$want/:"; echo "$out"; return 1; }
	done
}
check "pagecheck builds" go build -o bin/pagecheck ./tools/pagecheck || summary
check "browser, 390 px, dark: 3b's panel runs 3b to a valid run that meets the challenge ($shots/play-3b-390-dark.png)" \
	play_panel broadcast-3b play-3b-390-dark.png "PASS: the challenge is met" -- -width 390 -dark
check "browser, 1280 px: 3b's panel runs the step before, 3a, to a FAIL with lost values ($shots/play-3a-1280.png)" \
	play_panel broadcast-3a play-3a-1280.png "FAIL: " " [1-9][0-9]* lost" -- -width 1280
check "browser, 390 px: a node that panics stops the panel's run with its panic, not a frozen page ($shots/play-panic-390.png)" \
	play_panel panics play-panic-390.png "could not finish" "exit status 2" "panic: testnode: panicking on purpose" -- -width 390

# Layout, measured in the browser by tools/pagecheck, on every post and on
# the home, series and results pages: at a laptop's width (1280 px) and a
# phone's (390 px, where the column is 358 px), in light and dark mode.
urls=("http://127.0.0.1:$port/" "http://127.0.0.1:$port/posts/" "http://127.0.0.1:$port/results/")
for dir in "$public"/posts/*/; do urls+=("http://127.0.0.1:$port/posts/$(basename "$dir")/"); done
pagecheck() { bin/pagecheck -chromium "$browser" "$@"; }
check "browser, 1280 px: code listings show whole lines, header and footer line up with the column, chart targets labelled, chart labels apart" \
	pagecheck -width 1280 -check code-fits,aligned,no-sideways-scroll,chart-targets,chart-labels "${urls[@]}"
check "browser, 390 px: the page never scrolls sideways; diagrams and journeys link to their SVG; their text and charts' at least 11 px, chart labels apart" \
	pagecheck -width 390 -min-font 11 -check no-sideways-scroll,aligned,diagram-text,chart-labels "${urls[@]}"
for width in 1280 390; do
	check "browser, dark, $width px: every code and command block has a background of its own" \
		pagecheck -dark -width "$width" -check pre-background "${urls[@]}"
done
for mode in light dark; do
	png="$shots/$(basename "$post")-390-$mode.png"
	check "browser: screenshot $png" pagecheck -width 390 -height 844 -scale 2 $([ "$mode" = dark ] && echo -dark) \
		-screenshot "$png" "http://127.0.0.1:$port$post"
done
stop_server
summary
