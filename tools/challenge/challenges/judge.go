package challenges

import (
	"fmt"
	"io"
	"strings"

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

// PrintVerdicts writes one PASS/FAIL line per target, then one line that
// says whether the challenge passed and, if not, which targets failed with
// their values (see Outcome). It reports whether all targets passed.
func PrintVerdicts(w io.Writer, vs []Verdict) bool {
	PrintTargets(w, vs)
	line, pass := Outcome(vs)
	fmt.Fprintln(w, line)
	return pass
}

// PrintTargets writes one PASS/FAIL line per target.
func PrintTargets(w io.Writer, vs []Verdict) {
	for _, v := range vs {
		word := "PASS"
		if !v.Pass {
			word = "FAIL"
		}
		fmt.Fprintf(w, "%s  %-20s %s\n", word, v.Target.Name, Describe(v))
	}
}

// Outcome is the one line that concludes a judgement: the challenge is
// met only if every target is, and a miss names each failed target with
// its value and its limit, so the line reads on its own.
func Outcome(vs []Verdict) (line string, pass bool) {
	var failed []string
	for _, v := range vs {
		if !v.Pass {
			got, want := valueAndLimit(v)
			failed = append(failed, fmt.Sprintf("%s %s (%s)", v.Target.Name, got, want))
		}
	}
	switch {
	case len(vs) == 0:
		return "FAIL: the challenge has no targets to judge", false
	case len(failed) == 0:
		return fmt.Sprintf("PASS: the challenge is met (%d of %d targets pass)", len(vs), len(vs)), true
	}
	return fmt.Sprintf("FAIL: the challenge is not met (%d of %d targets fail): %s",
		len(failed), len(vs), strings.Join(failed, "; ")), false
}

// Describe says what a verdict measured, against what, and where in
// results.edn it was read.
func Describe(v Verdict) string {
	where := ""
	for _, k := range v.Target.Path {
		where += " " + fmt.Sprint(EDNText(k))
	}
	got, want := valueAndLimit(v)
	return fmt.Sprintf("%s (%s; [%s])", got, want, where[1:])
}

// valueAndLimit are a verdict's value and what the target asks of it,
// such as "452 ms" and "want < 400 ms".
func valueAndLimit(v Verdict) (got, want string) {
	t := v.Target
	got = "missing from results.edn"
	if v.Value != nil {
		got = fmt.Sprint(EDNText(v.Value))
		if n, ok := Number(v.Value); ok {
			got = FormatFloat(n) // as the summary and the tables write figures
		}
		if t.Unit != "" {
			got += " " + t.Unit
		}
	}
	if t.Want != nil {
		return got, fmt.Sprintf("want %v", EDNText(t.Want))
	}
	return got, "want " + t.Limit()
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

// MetAll reports whether the parsed results meet every target of c.
func MetAll(c Challenge, results any) bool {
	for _, v := range Judge(c, results) {
		if !v.Pass {
			return false
		}
	}
	return true
}
