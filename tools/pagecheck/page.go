package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// A view is how a page is looked at: the viewport's width and height in
// CSS pixels, the colour scheme the page is told the reader prefers, and
// how many device pixels a CSS pixel has in screenshots.
type view struct {
	width, height int
	dark          bool
	scale         float64
}

// A page is one browser tab, attached to with its own session.
type page struct {
	c       *chrome
	target  string
	session string
	events  chan event
}

// close closes the tab.
func (p *page) close() {
	_ = p.c.call("", "Target.closeTarget", map[string]any{"targetId": p.target}, nil)
	p.c.unlisten(p.events)
}

// openPage opens url in a new tab seen through v, and waits for its load
// event and its fonts.
func (c *chrome) openPage(url string, v view) (*page, error) {
	var target struct{ TargetID string }
	if err := c.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return nil, err
	}
	var attached struct{ SessionID string }
	if err := c.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return nil, err
	}
	p := &page{c: c, target: target.TargetID, session: attached.SessionID, events: c.listen()}
	scheme := "light"
	if v.dark {
		scheme = "dark"
	}
	steps := []struct {
		method string
		params any
	}{
		{"Page.enable", nil},
		{"Emulation.setDeviceMetricsOverride", map[string]any{"width": v.width, "height": v.height, "deviceScaleFactor": v.scale, "mobile": false}},
		{"Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": scheme}}}},
	}
	for _, s := range steps {
		if err := c.call(p.session, s.method, s.params, nil); err != nil {
			return nil, err
		}
	}
	var nav struct{ ErrorText string }
	if err := c.call(p.session, "Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return nil, err
	}
	if nav.ErrorText != "" {
		return nil, fmt.Errorf("%s: %s", url, nav.ErrorText)
	}
	if err := p.waitFor("Page.loadEventFired"); err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	if _, err := p.eval(`document.fonts.ready.then(() => true)`); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *page) waitFor(method string) error {
	deadline := time.After(p.c.timeout)
	for {
		select {
		case e := <-p.events:
			if e.SessionID == p.session && e.Method == method {
				return nil
			}
		case <-p.c.done:
			return p.c.readErr
		case <-deadline:
			return fmt.Errorf("no %s within %v", method, p.c.timeout)
		}
	}
}

// eval runs a JavaScript expression in the page, waits for it if it is a
// promise, and returns its value as JSON.
func (p *page) eval(expr string) (json.RawMessage, error) {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	params := map[string]any{"expression": expr, "awaitPromise": true, "returnByValue": true}
	if err := p.c.call(p.session, "Runtime.evaluate", params, &r); err != nil {
		return nil, err
	}
	if e := r.ExceptionDetails; e != nil {
		return nil, fmt.Errorf("script failed: %s %s", e.Text, e.Exception.Description)
	}
	return r.Result.Value, nil
}

// A rect is a part of the page, in CSS pixels from its top left corner.
type rect struct{ X, Y, Width, Height float64 }

// screenshot writes a PNG of the part r of the page (of the whole page
// when r is empty) to path.
func (p *page) screenshot(path string, r rect) error {
	if r.Width == 0 || r.Height == 0 {
		var m struct {
			CSSContentSize struct{ Width, Height float64 } `json:"cssContentSize"`
		}
		if err := p.c.call(p.session, "Page.getLayoutMetrics", nil, &m); err != nil {
			return err
		}
		r = rect{Width: m.CSSContentSize.Width, Height: m.CSSContentSize.Height}
	}
	var shot struct{ Data string }
	clip := map[string]any{"x": r.X, "y": r.Y, "width": r.Width, "height": r.Height, "scale": 1}
	if err := p.c.call(p.session, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true, "clip": clip}, &shot); err != nil {
		return err
	}
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return os.WriteFile(path, png, 0o644)
}

// box returns the part of the page the first element matching selector
// covers, with a margin around it.
func (p *page) box(selector string, margin float64) (rect, error) {
	sel, _ := json.Marshal(selector)
	v, err := p.eval(fmt.Sprintf(`(() => {
		const e = document.querySelector(%s);
		if (!e) return null;
		const r = e.getBoundingClientRect();
		return {X: r.x + scrollX, Y: r.y + scrollY, Width: r.width, Height: r.height};
	})()`, sel))
	if err != nil {
		return rect{}, err
	}
	var r *rect
	if err := json.Unmarshal(v, &r); err != nil {
		return rect{}, err
	}
	if r == nil {
		return rect{}, fmt.Errorf("no element matches %s", selector)
	}
	return rect{X: max(0, r.X-margin), Y: max(0, r.Y-margin), Width: r.Width + 2*margin, Height: r.Height + 2*margin}, nil
}
