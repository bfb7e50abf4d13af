package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// dataFile is data/results.json: what the blog shows, written only by
// make results. It holds one key per section, and says when each was
// written; make results ONLY=… rewrites some sections and keeps the
// others as they were, so sections stay raw JSON here.
type dataFile struct {
	Generated string            // when make results last ran
	Command   string            // "make results"
	Sections  map[string]string // when each section was written
	data      map[string]json.RawMessage
}

// readData reads the file make results wrote before, to keep the sections
// it does not run; with keep false, or when there is no file, it starts
// empty.
func readData(path string, keep bool) (dataFile, error) {
	d := dataFile{Sections: map[string]string{}, data: map[string]json.RawMessage{}}
	if !keep {
		return d, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return d, nil
	}
	var raw map[string]json.RawMessage
	if err == nil {
		err = json.Unmarshal(b, &raw)
	}
	if err == nil {
		err = errors.Join(optional(raw["generated"], &d.Generated), optional(raw["command"], &d.Command), optional(raw["sections"], &d.Sections))
	}
	if err != nil {
		return d, fmt.Errorf("%s: %w (make results without ONLY writes it anew)", path, err)
	}
	for k, v := range raw {
		if k != "generated" && k != "command" && k != "sections" {
			d.data[k] = v
		}
	}
	return d, nil
}

func optional(raw json.RawMessage, v any) error {
	if raw == nil {
		return nil
	}
	return json.Unmarshal(raw, v)
}

// set stores a section's value.
func (d *dataFile) set(name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	d.data[name] = b
	return nil
}

// get reads a section into v; a section not there leaves v as it is.
func (d *dataFile) get(name string, v any) error {
	if raw, ok := d.data[name]; ok {
		return json.Unmarshal(raw, v)
	}
	return nil
}

// write writes the file: its header, then the sections in order.
func (d *dataFile) write(path string, order []string) error {
	var b bytes.Buffer
	b.WriteString("{")
	field := func(k string, v any) error {
		raw, ok := v.(json.RawMessage)
		if !ok {
			var err error
			if raw, err = json.Marshal(v); err != nil {
				return err
			}
		}
		if b.Len() > 1 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q:%s", k, raw)
		return nil
	}
	err := errors.Join(field("generated", d.Generated), field("command", d.Command), field("sections", d.Sections))
	for _, name := range order {
		if raw, ok := d.data[name]; ok {
			err = errors.Join(err, field(name, raw))
		}
	}
	b.WriteString("}")
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return err
	}
	out.WriteString("\n")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}
