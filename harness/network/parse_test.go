package network

import (
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		line    string
		wantErr string // empty: valid
		body    string
	}{
		{`{"src":"n0","dest":"c1","body":{"type":"read_ok","messages":[1]}}`, "", `{"type":"read_ok","messages":[1]}`},
		{`{"id":7,"src":"n0","dest":"n1","body":{"type":"x"}}`, "", `{"type":"x"}`},
		{`{"src":"n0","dest":"n1"}`, "", `{}`},
		{`{"src":"n0","dest":"n1","body": { "a" : 1 }}`, "", `{"a":1}`},
		{`this is not json`, "not a JSON object", ""},
		{`[1,2]`, "not a JSON object", ""},
		{`null`, "not a JSON object", ""},
		{`{"src":"n0","dest":"n1","body":{}} {}`, "more than one JSON value", ""},
		{`{"src":"n0","dest":"n1","body":{},"extra":1}`, `unexpected top-level field(s) "extra"`, ""},
		{`{"dest":"n1","body":{}}`, `missing "src"`, ""},
		{`{"src":1,"dest":"n1","body":{}}`, `"src" must be a string`, ""},
		{`{"src":"n0","dest":null,"body":{}}`, `"dest" must be a string`, ""},
		{`{"src":"n0","dest":"n1","body":[]}`, `"body" must be a JSON object`, ""},
		{`{"src":"n0","dest":"n1","body":null}`, `"body" must be a JSON object`, ""},
		{`{"src":"n0","dest":"n1","body":"{}"}`, `"body" must be a JSON object`, ""},
		{`{"src":"n0","dest":"n1","body":	{"text":"a b",` + "\n" + `"n":[1, 2]}}`, "", `{"text":"a b","n":[1,2]}`},
		{`{"src":"n0","dest":"n1","body":{"text":"a b"}}`, "", `{"text":"a b"}`},
		{`{"id":"x","src":"n0","dest":"n1","body":{}}`, `"id" must be an integer`, ""},
	}
	for _, tt := range tests {
		l, err := ParseLine([]byte(tt.line))
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("ParseLine(%s): %v", tt.line, err)
			} else if string(l.Body) != tt.body {
				t.Errorf("ParseLine(%s).Body = %s, want %s", tt.line, l.Body, tt.body)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ParseLine(%s) error %v, want one containing %q", tt.line, err, tt.wantErr)
		}
	}
}
