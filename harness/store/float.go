package store

import (
	"math"
	"strconv"
	"strings"
)

// javaFloat formats f the way Java's Float.toString does (JDK 19 and
// later), which is how Clojure prints msgs-per-op and ok-fraction: the
// shortest digits that read back as the same float32, always with a decimal
// point, and the 1.0E7 style only at or above 1e7 and below 1e-3.
func javaFloat(f float32) string {
	switch {
	case math.IsNaN(float64(f)):
		return "NaN"
	case math.IsInf(float64(f), 1):
		return "Infinity"
	case math.IsInf(float64(f), -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(float64(f)) {
			return "-0.0"
		}
		return "0.0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	digits, exp := shortestDigits(f)
	rest := digits[1:]
	if rest == "" {
		rest = "0"
	}
	switch {
	case exp >= 7 || exp < -3:
		return sign + digits[:1] + "." + rest + "E" + strconv.Itoa(exp)
	case exp < 0:
		return sign + "0." + strings.Repeat("0", -exp-1) + digits
	case len(digits) <= exp+1:
		return sign + digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	default:
		return sign + digits[:exp+1] + "." + digits[exp+1:]
	}
}

// shortestDigits returns the decimal digits d1d2…dn and the exponent e with
// f = d1.d2…dn × 10^e. Java picks the shortest digits, except that when one
// digit would do it takes the closest decimal of at most two digits
// (Float.MIN_VALUE prints 1.4E-45, not 1.0E-45).
func shortestDigits(f float32) (string, int) {
	digits, exp := splitE(strconv.FormatFloat(float64(f), 'e', -1, 32))
	if len(digits) == 1 {
		two := strconv.FormatFloat(float64(f), 'e', 1, 64)
		if back, err := strconv.ParseFloat(two, 32); err == nil && float32(back) == f {
			digits, exp = splitE(two)
			digits = strings.TrimRight(digits, "0")
		}
	}
	return digits, exp
}

// splitE splits strconv's 'e' format, such as 4.8333335e+00, into its
// digits without the point and its exponent.
func splitE(s string) (string, int) {
	mantissa, e, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(e)
	return strings.Replace(mantissa, ".", "", 1), exp
}
