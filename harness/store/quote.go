package store

import (
	"fmt"
	"unicode/utf8"
)

// appendQuoted quotes s for both result files. Its escapes (\" \\ \n \t
// \r \f \b) are the ones Clojure prints, and JSON reads them too. Other
// control characters become \uXXXX, which both read, so that a node's raw
// output can never break a line of a file; invalid UTF-8 becomes U+FFFD.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		switch r {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\n':
			b = append(b, `\n`...)
		case '\t':
			b = append(b, `\t`...)
		case '\r':
			b = append(b, `\r`...)
		case '\f':
			b = append(b, `\f`...)
		case '\b':
			b = append(b, `\b`...)
		default:
			if r < 0x20 || r == 0x7f {
				b = fmt.Appendf(b, `\u%04x`, r)
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
	}
	return append(b, '"')
}
