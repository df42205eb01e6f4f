// Testsum is what `make test` prints: it reads `go test -json` on its
// standard input and writes one line per package as each one ends, one
// line per skipped test saying why (the slow tests that run only under CI
// say how to run them), and the whole output of every failed test. It
// exits 1 if any test or build failed, so that a pipe into it keeps the
// failure:
//
//	go test -json ./... | go -C tools run ./testsum
//
// `go test` alone shows a skip's reason only with -v, and -v shows
// everything else too.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// event is one line of `go test -json` (go doc cmd/test2json).
type event struct {
	Action      string
	Package     string
	Test        string
	Elapsed     float64
	Output      string
	ImportPath  string // build-output and build-fail
	FailedBuild string
}

func main() {
	failed, err := summarize(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsum:", err)
		os.Exit(2)
	}
	if failed {
		os.Exit(1)
	}
}

// summarize reads the events from r and writes the summary to w. It
// reports whether anything failed.
func summarize(r io.Reader, w io.Writer) (failed bool, err error) {
	type key struct{ pkg, test string }
	output := map[key][]string{} // what each test, and each package outside its tests, printed
	build := map[string][]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
			// Not an event: go test's own message, such as a package
			// pattern that matches nothing.
			fmt.Fprintf(w, "%s\n", line)
			continue
		}
		k := key{e.Package, e.Test}
		switch e.Action {
		case "build-output":
			build[e.ImportPath] = append(build[e.ImportPath], e.Output)
		case "build-fail":
			failed = true
			fmt.Fprintf(w, "%s", strings.Join(build[e.ImportPath], ""))
		case "output":
			output[k] = append(output[k], e.Output)
		case "skip":
			if e.Test != "" {
				fmt.Fprintf(w, "skip\t%s %s: %s\n", e.Package, e.Test, skipReason(output[k]))
			}
			delete(output, k)
		case "pass":
			if e.Test == "" {
				fmt.Fprintf(w, "ok  \t%s\t%.1fs\n", e.Package, e.Elapsed)
			}
			delete(output, k)
		case "fail":
			failed = true
			if e.Test != "" {
				// A failed subtest's lines are in its own entry; the
				// parent's "--- FAIL" lines follow them.
				fmt.Fprintf(w, "%s", strings.Join(output[k], ""))
			} else {
				fmt.Fprintf(w, "%sFAIL\t%s\t%.1fs\n", strings.Join(output[k], ""), e.Package, e.Elapsed)
			}
			delete(output, k)
		}
	}
	return failed, sc.Err()
}

// skipReason is the message a test gave t.Skip: the last line of its
// output before "--- SKIP", without the file:line prefix.
func skipReason(lines []string) string {
	reason := "(no reason given)"
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- SKIP") {
			continue
		}
		if _, msg, ok := strings.Cut(l, ": "); ok && strings.Contains(l[:strings.Index(l, ": ")], "_test.go:") {
			l = msg
		}
		reason = l
	}
	return reason
}
