package challenges

import (
	"fmt"
	"io"

	"olympos.io/encoding/edn"
)

// A Verdict is one target's outcome.
type Verdict struct {
	Target Target
	Value  any // nil when missing
	Pass   bool
}

// Judge checks every target of c against the parsed results.
func Judge(c Challenge, results any) []Verdict {
	var out []Verdict
	for _, t := range c.Targets {
		v, found := Lookup(results, t.Path)
		vd := Verdict{Target: t}
		if found {
			vd.Value = v
			if t.Want != nil {
				if want, ok := Number(t.Want); ok {
					got, isNum := Number(v)
					vd.Pass = isNum && got == want
				} else {
					vd.Pass = v == t.Want
				}
			} else if got, ok := Number(v); ok {
				vd.Pass = t.Admits(got)
			}
		}
		out = append(out, vd)
	}
	return out
}

// PrintVerdicts writes one PASS/FAIL line per target and reports whether
// all passed.
func PrintVerdicts(w io.Writer, vs []Verdict) bool {
	all := true
	for _, v := range vs {
		word := "PASS"
		if !v.Pass {
			word, all = "FAIL", false
		}
		fmt.Fprintf(w, "%s  %-20s %s\n", word, v.Target.Name, Describe(v))
	}
	return all
}

// Describe says what a verdict measured, against what, and where in
// results.edn it was read.
func Describe(v Verdict) string {
	t := v.Target
	got := "missing from results.edn"
	if v.Value != nil {
		got = fmt.Sprint(EDNText(v.Value))
		if t.Unit != "" {
			got += " " + t.Unit
		}
	}
	where := ""
	for _, k := range t.Path {
		where += " " + fmt.Sprint(EDNText(k))
	}
	if t.Want != nil {
		return fmt.Sprintf("%s (want %v; [%s])", got, EDNText(t.Want), where[1:])
	}
	return fmt.Sprintf("%s (want %s; [%s])", got, t.Limit(), where[1:])
}

// EDNText returns v as results.edn writes it: a keyword with its colon.
func EDNText(v any) any {
	switch x := v.(type) {
	case edn.Keyword:
		return ":" + string(x)
	default:
		return x
	}
}
