package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

//go:embed checks.js
var checksJS string

// checkNames lists the checks of checks.js, read from the file itself:
// its object's keys, each at the start of a line as '  'name': '.
var checkNames = func() []string {
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^  '([a-z-]+)':`).FindAllStringSubmatch(checksJS, -1) {
		names = append(names, m[1])
	}
	return names
}()

// options are what the checks of checks.js may read.
type options struct {
	MinFont float64 `json:"minFont"`
}

// run runs one check in the page and returns its problems.
func (p *page) run(name string, opts options) ([]string, error) {
	if !slices.Contains(checkNames, name) {
		return nil, fmt.Errorf("no check %q; the checks are %s", name, strings.Join(checkNames, ", "))
	}
	o, _ := json.Marshal(opts)
	n, _ := json.Marshal(name)
	v, err := p.eval(fmt.Sprintf("(async () => {\n%s\nreturn await checks[%s](%s);\n})()", checksJS, n, o))
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", name, err)
	}
	var problems []string
	if err := json.Unmarshal(v, &problems); err != nil {
		return nil, fmt.Errorf("check %s returned %s: %w", name, v, err)
	}
	return problems, nil
}
