package network

import (
	"encoding/json"
	"strconv"
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

// The fast path finds fields in any order, with whitespace anywhere,
// strings holding the characters that delimit JSON, escaped keys and
// repeated keys (the last one counts, as when decoding into a map).
func TestParseLineFieldsAnywhere(t *testing.T) {
	tests := []struct {
		line, src, dest, body string
	}{
		{` { "body" : {"type":"g","s":"a}],\"{"} , "dest":"n1" ,"src" : "n0" } `, "n0", "n1", `{"type":"g","s":"a}],\"{"}`},
		{`{"src":"n\u0030","dest":"n1","body":{"v":[1, 2,3]}}`, "n0", "n1", `{"v":[1,2,3]}`},
		{`{"\u0073rc":"n0","dest":"n1","body":{"a":true,"b":null,"c":-1.5e3}}`, "n0", "n1", `{"a":true,"b":null,"c":-1.5e3}`},
		{`{"src":"x","src":"n0","dest":"n1","id":3,"body":{"s":"tab\tinside"}}`, "n0", "n1", `{"s":"tab\tinside"}`},
		{"{\"src\":\"n0\",\"dest\":\"n1\",\"body\":{\"a\":\n[ ]}}", "n0", "n1", `{"a":[]}`},
	}
	for _, tt := range tests {
		l, err := ParseLine([]byte(tt.line))
		if err != nil {
			t.Errorf("ParseLine(%s): %v", tt.line, err)
			continue
		}
		if l.Src != tt.src || l.Dest != tt.dest || string(l.Body) != tt.body {
			t.Errorf("ParseLine(%s) = %q %q %s, want %q %q %s", tt.line, l.Src, l.Dest, l.Body, tt.src, tt.dest, tt.body)
		}
	}
}

func BenchmarkParseLineFullState(b *testing.B) {
	var values []string
	for v := range 1000 {
		values = append(values, strconv.Itoa(v))
	}
	line := []byte(`{"src":"n3","dest":"n17","body":{"type":"gossip","messages":[` + strings.Join(values, ",") + `]}}`)
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		if _, err := ParseLine(line); err != nil {
			b.Fatal(err)
		}
	}
}

// bodyFields reads any valid JSON object as json.Unmarshal into a map does.
func FuzzBodyFieldsAgreesWithEncodingJSON(f *testing.F) {
	for _, body := range []string{
		`{}`, ` { } `, `{"type":"read_ok","messages":[1,2,3],"in_reply_to":4}`,
		`{"a":{"b":[1,{"c":"}"}]},"d":"x\"y","e":null,"f":-1.5e3,"g":true}`,
		`{"a":1,"a":2}`, `{"\u0061":1}`, `{"é":1}`, `{"a" : 1 , "b":[ ]}`,
	} {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var want map[string]json.RawMessage
		if !json.Valid(body) || json.Unmarshal(body, &want) != nil || want == nil {
			return // the network carries only valid JSON objects
		}
		got := bodyFields(body)
		if len(got) != len(want) {
			t.Fatalf("%s: bodyFields gives %v; json.Unmarshal %v", body, got, want)
		}
		for k, v := range want {
			if string(got[k]) != string(v) {
				t.Errorf("%s: field %q is %s, json.Unmarshal says %s", body, k, got[k], v)
			}
		}
	})
}
