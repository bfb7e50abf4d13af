package network

import (
	"encoding/json"
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

// parsePlain takes only lines it reads exactly as parseThoroughly does;
// every other line, mistakes included, is left to parseThoroughly.
func FuzzParsePlainAgreesWithParseThoroughly(f *testing.F) {
	for _, line := range []string{
		`{"src":"n0","dest":"c1","body":{"type":"read_ok","messages":[1,2,3],"in_reply_to":4}}`,
		`{"id":7,"src":"n0","dest":"n1","body":{"type":"x"}}`,
		`{"src":"n0","dest":"n1"}`,
		` { "src" : "n0" , "dest" : "n1" , "body" : {"a":[{"b":"c}"}]} } `,
		`{"src":"n0","dest":"n1","body":{"a":"x y"}}`,
		`{"src":"n0","dest":"n1","id":-3,"body":{}}`,
		`{"src":"n0","dest":"n1","id":1.5,"body":{}}`,
		`{"src":"n0","dest":"n1","id":null,"body":{}}`,
		`{"src":"n\u0030","dest":"n1","body":{}}`,
		`{"s\u0072c":"n0","dest":"n1","body":{}}`,
		`{"src":"n0","src":"n2","dest":"n1","body":{}}`,
		`{"src":"n0","dest":"n1","body":{},"extra":1}`,
		`{"src":"n0","dest":"n1","body":[]}`,
		`{"src":"n0","dest":"n1","body":null}`,
		`{"src":1,"dest":"n1","body":{}}`,
		`{"dest":"n1","body":{}}`,
		`{"src":"n0","dest":"n1","body":{}} {}`,
		`[1,2]`, `null`, `not json`, ``,
	} {
		f.Add([]byte(line))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		plain, ok := parsePlain(line)
		if !ok {
			return
		}
		thorough, err := parseThoroughly(line)
		if err != nil || plain.Src != thorough.Src || plain.Dest != thorough.Dest || string(plain.Body) != string(thorough.Body) {
			t.Errorf("%s: parsePlain gives %+v, parseThoroughly %+v, %v", line, plain, thorough, err)
		}
	})
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
		got, err := bodyFields(body)
		if err != nil || len(got) != len(want) {
			t.Fatalf("%s: bodyFields gives %v, %v; json.Unmarshal %v", body, got, err, want)
		}
		for k, v := range want {
			if string(got[k]) != string(v) {
				t.Errorf("%s: field %q is %s, json.Unmarshal says %s", body, k, got[k], v)
			}
		}
	})
}
