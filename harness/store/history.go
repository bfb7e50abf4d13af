package store

import (
	"fmt"

	"github.com/deamondev/gossip-glomers-tutorial/harness/history"
)

// WriteHistory writes history.txt and history.edn, then points the latest
// links at this run, as Jepsen does once the history is complete.
func (d *Dir) WriteHistory(h history.History) error {
	txt, err := encodeHistoryText(h)
	if err != nil {
		return fmt.Errorf("history.txt: %w", err)
	}
	edn, err := encodeHistoryEDN(h)
	if err != nil {
		return fmt.Errorf("history.edn: %w", err)
	}
	if err := writeFile(d.File("history.txt"), txt); err != nil {
		return err
	}
	if err := writeFile(d.File("history.edn"), edn); err != nil {
		return err
	}
	return d.linkLatest()
}

// encodeHistoryEDN writes one op map per line.
func encodeHistoryEDN(h history.History) ([]byte, error) {
	var b []byte
	for _, op := range h {
		var err error
		if b, err = appendOpEDN(b, op); err != nil {
			return nil, err
		}
		b = append(b, '\n')
	}
	return b, nil
}

// encodeHistoryText writes one op per line for reading with grep and cut:
// process, type, f, value and, when there is one, the error, separated by
// tabs. Values and errors are in EDN, so a string error stays quoted and
// can never break the line.
func encodeHistoryText(h history.History) ([]byte, error) {
	var b []byte
	for _, op := range h {
		line, err := textLine(op)
		if err != nil {
			return nil, fmt.Errorf("op %d: %w", op.Index, err)
		}
		b = append(append(b, line...), '\n')
	}
	return b, nil
}

func textLine(op history.Op) ([]byte, error) {
	value, err := valueTree(op.Value)
	if err != nil {
		return nil, fmt.Errorf(":value: %w", err)
	}
	fields := []any{processTree(op.Process), keyword(op.Type), keyword(op.F), value}
	if op.Error != nil {
		e, err := errorTree(*op.Error)
		if err != nil {
			return nil, fmt.Errorf(":error: %w", err)
		}
		fields = append(fields, e)
	}
	var b []byte
	for i, field := range fields {
		if i > 0 {
			b = append(b, '\t')
		}
		if b, err = appendEDN(b, field); err != nil {
			return nil, err
		}
	}
	return b, nil
}
