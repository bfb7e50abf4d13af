package lab

import "testing"

// Of a line redrawn in place a terminal keeps the last state; the working
// directory is dropped from the paths.
func TestConsoleIsWhatATerminalShows(t *testing.T) {
	out := "$ bin/harness test -w broadcast\n" +
		"Running broadcast against 5 node(s) of /home/me/repo/bin/broadcast-3b (seed 1)\n" +
		"\r\x1b[Kmain        0s/20s  ok 0  fail 0  info 0  partition: active" +
		"\r\x1b[KINFO a log line between two redraws\n" +
		"\r\x1b[Kmain        5s/20s  ok 52  fail 0  info 0  partition: active" +
		"\r\x1b[Krecovery    0s/10s  ok 199  fail 0  info 0  partition: none\n" +
		"Checker: invalid, 20 values lost.\n"
	want := "$ bin/harness test -w broadcast\n" +
		"Running broadcast against 5 node(s) of bin/broadcast-3b (seed 1)\n" +
		"INFO a log line between two redraws\n" +
		"recovery    0s/10s  ok 199  fail 0  info 0  partition: none\n" +
		"Checker: invalid, 20 values lost.\n"
	if got := consoleText(out, "/home/me/repo"); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
