package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The pages the checks are tried on: each check must pass good and find
// its problem in bad.
const (
	style = `<style>body{margin:0;background:#fff;font:16px sans-serif} .main,.site-nav,.site-footer{max-width:600px;margin:0 auto;padding:0 10px}
pre{overflow-x:auto;background:#eee} figure{margin:0}</style>`
	diagram = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100"><text x="10" y="50" font-size="14">hello</text></svg>`
	// A journey as the harness draws it: most text takes the size of
	// the whole, some has a smaller one of its own.
	journey = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100" font-size="12"><text x="10" y="20">n0</text><text x="10" y="50" font-size="10">gossip</text></svg>`
	good    = style + `<nav class="site-nav">nav</nav><main class="main">
<figure class="listing"><figcaption>short.go</figcaption><pre>func short() {}</pre></figure>
<a href="/d.drawio.svg"><img src="/d.drawio.svg" style="width:400px"></a>
<figure class="journey"><div style="overflow-x:auto"><a href="/journey-7.svg"><img src="/journey-7.svg" style="width:440px;max-width:none"></a></div></figure>
<svg class="barchart" viewBox="0 0 200 50" width="200" aria-label="chart"><text x="0" y="20" style="font-size:14px">bar</text>
<g class="target"><line x1="150" x2="150" y1="0" y2="50"></line><text x="150" y="10" style="font-size:14px">target &lt; 20</text></g>
<g class="row"><text x="0" y="40" style="font-size:14px">row<tspan class="target-label"> · target &lt; 30</tspan></text><g class="target"><line x1="180" x2="180" y1="30" y2="50"></line></g></g></svg>
</main><footer class="site-footer">footer</footer>`
	bad = style + `<nav class="site-nav" style="max-width:700px">nav</nav><main class="main">
<div style="width:2000px">too wide</div>
<figure class="listing"><figcaption>long.go</figcaption><pre style="width:100px">func aVeryLongLineThatDoesNotFitInAHundredPixels() {}</pre></figure>
<pre style="background:transparent">a command on the page's own background</pre>
<img src="/d.drawio.svg" style="width:200px">
<figure class="journey"><img src="/journey-7.svg" style="width:200px"></figure>
<svg class="barchart" viewBox="0 0 400 50" width="200" aria-label="chart"><text x="0" y="20" style="font-size:14px">bar</text>
<g class="target"><line x1="150" x2="150" y1="0" y2="50"></line></g><text x="5" y="22" style="font-size:14px">over</text></svg>
</main><footer class="site-footer">footer</footer>`
)

func TestChecks(t *testing.T) {
	browser, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("no chromium on PATH")
	}
	mux := http.NewServeMux()
	for path, body := range map[string]string{"/good": good, "/bad": bad, "/d.drawio.svg": diagram, "/journey-7.svg": journey} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(path, ".svg") {
				w.Header().Set("Content-Type", "image/svg+xml")
			}
			w.Write([]byte(body))
		})
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c, err := startChrome(browser, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	want := map[string]string{ // the problem each check must find in bad
		"no-sideways-scroll": "the page is 2100 px wide in a 800 px viewport; too wide: div",
		"code-fits":          "long.go: its lines need",
		"pre-background":     "has the page's background rgb(255, 255, 255)",
		"diagram-text":       "diagram /d.drawio.svg does not link to itself at full size",
		"aligned":            ".site-nav spans 50–750 px, the column 100–700 px",
		"chart-targets":      `chart "chart": a target line at x 150 has no label`,
		"chart-labels":       `chart "chart": "bar" overlaps "over"`,
	}
	for _, name := range checkNames {
		if want[name] == "" {
			t.Errorf("check %s has no case in this test", name)
		}
	}
	for _, page := range []string{"good", "bad"} {
		p, err := c.openPage(srv.URL+"/"+page, view{width: 800, height: 600, scale: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range checkNames {
			problems, err := p.run(name, options{MinFont: 11})
			if err != nil {
				t.Fatalf("%s on %s: %v", name, page, err)
			}
			all := strings.Join(problems, "\n")
			switch {
			case page == "good" && len(problems) > 0:
				t.Errorf("%s finds problems in the good page:\n%s", name, all)
			case page == "bad" && !strings.Contains(all, want[name]):
				t.Errorf("%s on the bad page: want a problem containing %q, got:\n%s", name, want[name], all)
			}
		}
	}
	// The small chart and diagram text are reported too.
	p, _ := c.openPage(srv.URL+"/bad", view{width: 800, height: 600, scale: 1})
	problems, _ := p.run("diagram-text", options{MinFont: 11})
	all := strings.Join(problems, "\n")
	for _, want := range []string{"its smallest text (14 px of 400) shows at 7.0 px, want at least 11", `chart "chart": "bar" shows at 7.0 px`,
		"diagram /journey-7.svg does not link to itself at full size", "diagram /journey-7.svg: its smallest text (10 px of 400) shows at 5.0 px"} {
		if !strings.Contains(all, want) {
			t.Errorf("diagram-text: want %q among:\n%s", want, all)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{}, "want a URL"},
		{[]string{"-check", "nope", "http://x/"}, `no check "nope"; the checks are no-sideways-scroll, code-fits`},
		{[]string{"http://x/"}, "nothing to do"},
		{[]string{"-screenshot", "x.png", "http://x/", "http://y/"}, "-screenshot takes one URL"},
	} {
		var out, errs bytes.Buffer
		if code := run(tc.args, &out, &errs); code != 2 || !strings.Contains(errs.String(), tc.want) {
			t.Errorf("pagecheck %q: exit %d, %q; want exit 2 and %q", tc.args, code, errs.String(), tc.want)
		}
	}
}
