// Command pagecheck opens a web page in headless Chromium, at a given
// viewport width and colour scheme, runs layout checks on it and takes
// screenshots: what the blog's site test and its author need to see a
// page the way a reader's phone or desktop shows it.
//
// Usage:
//
//	pagecheck [flags] URL...
//
// Each check named by -check (see checks.js) prints, per page, "ok: NAME"
// or "FAIL: NAME" and its problems. The exit status is 0 when every check
// passes, 1 when one fails, and 2 when a page cannot be checked at all.
// All pages are seen through one browser, started once.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// A job is what to do with each page.
type job struct {
	view    view
	checks  []string
	opts    options
	expr    string // JavaScript to run and print
	shot    string // screenshot file
	clip    string // with shot: the element to show
	at      string // with shot: the element the viewport starts at
	full    bool   // with shot: the whole page
	browser string
	timeout time.Duration
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pagecheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var j job
	fs.StringVar(&j.browser, "chromium", "", "the browser (default: chromium or chromium-browser on PATH)")
	fs.IntVar(&j.view.width, "width", 1280, "viewport width, in CSS pixels")
	fs.IntVar(&j.view.height, "height", 900, "viewport height, in CSS pixels")
	fs.BoolVar(&j.view.dark, "dark", false, "tell the page the reader prefers a dark colour scheme")
	fs.Float64Var(&j.view.scale, "scale", 1, "device pixels per CSS pixel, for screenshots")
	list := fs.String("check", "", "comma-separated checks to run: "+strings.Join(checkNames, ", "))
	fs.Float64Var(&j.opts.MinFont, "min-font", 11, "diagram-text: the smallest text size wanted, in CSS pixels")
	fs.StringVar(&j.shot, "screenshot", "", "write a PNG of the page (only one URL) to this file")
	fs.StringVar(&j.clip, "clip", "", "with -screenshot: only the first element matching this CSS selector")
	fs.StringVar(&j.at, "at", "", "with -screenshot: the viewport's size, from the top of the first element matching this CSS selector")
	fs.BoolVar(&j.full, "full", false, "with -screenshot: the whole page (default: the viewport, at the top of the page)")
	fs.StringVar(&j.expr, "eval", "", "also run this JavaScript expression in the page and print its value as JSON")
	fs.DurationVar(&j.timeout, "timeout", 30*time.Second, "how long to wait for the browser at each step")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	urls := fs.Args()
	for _, n := range strings.Split(*list, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		if !slices.Contains(checkNames, n) {
			fmt.Fprintf(stderr, "pagecheck: -check: no check %q; the checks are %s\n", n, strings.Join(checkNames, ", "))
			return 2
		}
		j.checks = append(j.checks, n)
	}
	switch {
	case len(urls) == 0:
		fmt.Fprintln(stderr, "pagecheck: want a URL, after the flags")
		return 2
	case len(j.checks) == 0 && j.shot == "" && j.expr == "":
		fmt.Fprintln(stderr, "pagecheck: nothing to do: give -check, -screenshot or -eval")
		return 2
	case j.shot != "" && len(urls) > 1:
		fmt.Fprintln(stderr, "pagecheck: -screenshot takes one URL")
		return 2
	}
	if j.browser == "" {
		for _, name := range []string{"chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				j.browser = p
				break
			}
		}
		if j.browser == "" {
			fmt.Fprintln(stderr, "pagecheck: no chromium on PATH; give -chromium")
			return 2
		}
	}

	c, err := startChrome(j.browser, j.timeout)
	if err != nil {
		fmt.Fprintln(stderr, "pagecheck:", err)
		return 2
	}
	defer c.close()
	status := 0
	for _, url := range urls {
		s, err := j.do(c, url, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "pagecheck: %s: %v\n", url, err)
			return 2
		}
		status = max(status, s)
	}
	return status
}

// do opens one page and does the job on it. It returns 1 when a check
// fails.
func (j job) do(c *chrome, url string, stdout io.Writer) (int, error) {
	p, err := c.openPage(url, j.view)
	if err != nil {
		return 0, err
	}
	defer p.close()
	if j.expr != "" {
		v, err := p.eval(j.expr)
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(stdout, "%s\n", v)
	}
	status := 0
	for _, n := range j.checks {
		problems, err := p.run(n, j.opts)
		if err != nil {
			return 0, err
		}
		if len(problems) == 0 {
			fmt.Fprintf(stdout, "ok: %s %s\n", n, url)
			continue
		}
		status = 1
		mode := map[bool]string{false: "light", true: "dark"}[j.view.dark]
		fmt.Fprintf(stdout, "FAIL: %s %s (%d px, %s)\n", n, url, j.view.width, mode)
		for i, pr := range problems {
			if i == 5 {
				fmt.Fprintf(stdout, "  … and %d more\n", len(problems)-i)
				break
			}
			fmt.Fprintf(stdout, "  %s\n", pr)
		}
	}
	if j.shot == "" {
		return status, nil
	}
	r := rect{Width: float64(j.view.width), Height: float64(j.view.height)}
	switch {
	case j.clip != "":
		r, err = p.box(j.clip, 8)
	case j.at != "":
		var b rect
		b, err = p.box(j.at, 8)
		r.Y = b.Y
	case j.full:
		r = rect{}
	}
	if err != nil {
		return 0, err
	}
	return status, p.screenshot(j.shot, r)
}
