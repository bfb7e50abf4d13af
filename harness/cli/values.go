package cli

import (
	"errors"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The value parsers below each take the flag name so their errors can name
// it; they return *UsageError as error.

// positiveInt reads a whole number greater than zero.
func positiveInt(flag, v string) (int64, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, badValue(flag, v, "must be a whole number greater than 0")
	}
	return n, nil
}

// seconds reads whole seconds (Maelstrom's --time-limit is a long).
func seconds(flag, v string) (time.Duration, error) {
	n, err := positiveInt(flag, v)
	if err != nil {
		return 0, err
	}
	if n > int64(math.MaxInt64/time.Second) {
		return 0, badValue(flag, v, "is too large")
	}
	return time.Duration(n) * time.Second, nil
}

// millis reads a whole number of milliseconds, zero allowed.
func millis(flag, v string) (time.Duration, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, badValue(flag, v, "must be a whole number of milliseconds, 0 or more")
	}
	if n > int64(math.MaxInt64/time.Millisecond) {
		return 0, badValue(flag, v, "is too large")
	}
	return time.Duration(n) * time.Millisecond, nil
}

// rate reads a finite number ≥ 0.
func rate(flag, v string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0, badValue(flag, v, "must be a number, 0 or more")
	}
	return f, nil
}

var ratioPattern = regexp.MustCompile(`^([+-]?\d+)/(\d+)$`)

// number reads the numbers Maelstrom reads with Clojure's reader:
// integers, decimals, and ratios like 1/2.
func number(v string) (float64, bool) {
	if m := ratioPattern.FindStringSubmatch(v); m != nil {
		num, err1 := strconv.ParseFloat(m[1], 64)
		den, err2 := strconv.ParseFloat(m[2], 64)
		if err1 != nil || err2 != nil || den == 0 {
			return 0, false
		}
		return num / den, true
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// interval reads a positive number of seconds, fractions and ratios allowed.
func interval(flag, v string) (time.Duration, error) {
	f, ok := number(v)
	if !ok || f <= 0 {
		return 0, badValue(flag, v, "must be a number of seconds greater than 0 (like 10, 2.5 or 1/2)")
	}
	ns := f * float64(time.Second)
	if ns >= math.MaxInt64 {
		return 0, badValue(flag, v, "is too large")
	}
	if ns < 1 {
		return 0, badValue(flag, v, "is too small: less than a nanosecond")
	}
	return time.Duration(ns), nil
}

// oneOf reads a value that must be in a fixed list.
func oneOf(flag, v string, valid []string) (string, error) {
	if !slices.Contains(valid, v) {
		return "", badValue(flag, v, "must be one of %s", strings.Join(valid, ", "))
	}
	return v, nil
}

// faults reads a comma-separated set of faults; spaces around commas are
// allowed and an empty value means no faults.
func faults(flag, v string) ([]string, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	var set []string
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			return nil, badValue(flag, v, "has an empty fault name between commas")
		}
		if !slices.Contains(Faults, f) {
			return nil, badValue(flag, v, "unknown fault %q; the only fault is %s", f, strings.Join(Faults, ", "))
		}
		if !slices.Contains(set, f) {
			set = append(set, f)
		}
	}
	slices.Sort(set)
	return set, nil
}

var concurrencyPattern = regexp.MustCompile(`^\d+n?$`)

// concurrency checks a --concurrency value; it is multiplied out only once
// the node count is known.
func concurrency(flag, v string) (string, error) {
	if !concurrencyPattern.MatchString(v) {
		return "", badValue(flag, v, "must be a whole number, or a number followed by n for that many per node (like 2n)")
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(v, "n"), 10, 32)
	if err != nil {
		return "", badValue(flag, v, "is too large")
	}
	if n == 0 {
		return "", badValue(flag, v, "must be greater than 0")
	}
	return v, nil
}

// threads multiplies out a checked --concurrency value.
func threads(v string, nodes int) (int, error) {
	perNode := strings.HasSuffix(v, "n")
	n, _ := strconv.Atoi(strings.TrimSuffix(v, "n"))
	if !perNode {
		return n, nil
	}
	if n > math.MaxInt32/max(nodes, 1) {
		return 0, badValue("--concurrency", v, "is too large for %d nodes", nodes)
	}
	return n * nodes, nil
}

// availability reads "total" or a fraction in [0, 1].
func availability(flag, v string) (*Availability, error) {
	if v == "total" {
		return &Availability{Total: true}, nil
	}
	f, ok := number(v)
	if !ok || f < 0 || f > 1 {
		return nil, badValue(flag, v, "must be total or a number from 0 to 1")
	}
	return &Availability{Min: f}, nil
}

// seed reads an unsigned 64-bit integer.
func seed(flag, v string) (uint64, error) {
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, badValue(flag, v, "is too large (the largest seed is %d)", uint64(math.MaxUint64))
		}
		return 0, badValue(flag, v, "must be a whole number, 0 or more")
	}
	return n, nil
}

// nodeList splits --nodes: commas, with optional spaces after them.
func nodeList(v string) []string {
	var nodes []string
	for _, n := range strings.Split(v, ",") {
		nodes = append(nodes, strings.TrimSpace(n))
	}
	return nodes
}
