package cli

import (
	"errors"
	"fmt"
)

// ErrHelp is returned when the command line asks for help; the caller
// prints Usage and exits 0.
var ErrHelp = errors.New("help requested")

// UsageError is a problem with the command line. Flag and Value say where
// it is, for callers that want to point at it (Flag is empty when the
// problem is not about one flag, Value when it is not about a value); the
// message itself always names them.
type UsageError struct {
	Flag    string // e.g. "--rate"
	Value   string // the value as typed
	Message string
}

func (e *UsageError) Error() string { return e.Message }

// badValue is the usual UsageError: this flag got this value, which is wrong
// for this reason.
func badValue(flag, value, format string, args ...any) *UsageError {
	return &UsageError{
		Flag:    flag,
		Value:   value,
		Message: fmt.Sprintf("%s %q: ", flag, value) + fmt.Sprintf(format, args...),
	}
}

// badFlag is a UsageError about a flag as a whole, not one of its values.
func badFlag(flag, format string, args ...any) *UsageError {
	return &UsageError{Flag: flag, Message: fmt.Sprintf(format, args...)}
}
