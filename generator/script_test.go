package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected files in testdata/script when a cmp fails")

// TestMain lets the test binary run as the generator command, so that
// scripts run the real command line: `exec generator build`.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"generator": main})
}

// TestScripts runs testdata/script/*.txtar. Each script is a small site
// (content/ only: layouts and static files come from the bundle embedded in
// the binary) and the commands that check what the generator does with it.
//
// Besides testscript's own commands, scripts may use
//
//	exits N generator ARGS...
//
// which runs the command like exec and fails unless it exits with status N
// (0 built, 1 content errors, 2 usage errors). Its stdout and stderr are
// checked by the next stdout and stderr commands, as after exec.
//
// and, to check that a failed build leaves the previous output exactly as it
// was,
//
//	snapshot DIR     records every file of DIR (names, modes and bytes)
//	unchanged DIR    fails unless DIR is as recorded, and nothing was left beside it
//
// and, to make files a txtar cannot hold,
//
//	bigfile FILE SIZE   writes SIZE bytes (such as 9MB) of Markdown text
//	repeat FILE N TEXT  adds TEXT, N times, and a line end to FILE
//	crlf FILE           turns its line ends into CR LF
//	bom FILE            puts a UTF-8 byte-order mark in front
//
// and, to test the server over HTTP (see http_script_test.go),
//
//	serve [FLAGS]       runs generator serve on $SERVER until the script ends
//	httpget TARGET      prints the answer's status, headers and body
//	event               prints the dev server's next build state
//	serverlog           prints what serve printed since the last serverlog
//
// A script that shows a bug not fixed yet checks what already works, then
// runs `[!knownbugs] skip 'file:line: what is wrong'` before the checks of
// the right behaviour. Set GENERATOR_KNOWN_BUGS=1 to run those checks too.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exits":     cmdExits,
			"snapshot":  cmdSnapshot,
			"unchanged": cmdUnchanged,
			"bigfile":   cmdBigfile,
			"repeat":    cmdRepeat,
			"crlf":      cmdCRLF,
			"bom":       cmdBOM,
			"serve":     scriptServe,
			"httpget":   scriptHTTPGet,
			"event":     scriptEvent,
			"settle":    scriptSettle,
			"serverlog": scriptServerLog,
		},
		Condition: func(cond string) (bool, error) {
			if cond == "knownbugs" {
				return os.Getenv("GENERATOR_KNOWN_BUGS") != "", nil
			}
			return false, errors.New("unknown condition " + strconv.Quote(cond))
		},
	})
}

func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exits")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit status", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// snapshot and unchanged compare a folder with an earlier state of itself.
func treeState(ts *testscript.TestScript, dir string) string {
	var b strings.Builder
	root := ts.MkAbs(dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %v", filepath.ToSlash(rel), info.Mode())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		ts.Fatalf("%v", err)
	}
	return b.String()
}

func cmdSnapshot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: snapshot DIR")
	}
	ts.Setenv("SNAPSHOT_"+args[0], treeState(ts, args[0]))
}

func cmdUnchanged(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: unchanged DIR")
	}
	want := ts.Getenv("SNAPSHOT_" + args[0])
	if want == "" {
		ts.Fatalf("unchanged %s: no snapshot taken", args[0])
	}
	if got := treeState(ts, args[0]); got != want {
		ts.Fatalf("%s changed (-before +after):\n%s", args[0], cmp.Diff(want, got))
	}
	dir := filepath.Dir(ts.MkAbs(args[0]))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(args[0])+".") {
			ts.Fatalf("%s was left beside %s", e.Name(), args[0])
		}
	}
}

func cmdBigfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bigfile FILE SIZE")
	}
	size, err := strconv.Atoi(strings.TrimSuffix(args[1], "MB"))
	if err != nil {
		ts.Fatalf("bigfile: bad size %q", args[1])
	}
	if strings.HasSuffix(args[1], "MB") {
		size <<= 20
	}
	line := "All work and no play makes a very long page.\n"
	data := []byte("---\ntitle: Big\n---\n" + strings.Repeat(line, size/len(line)+1))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data[:size], 0o644))
}

func cmdRepeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: repeat FILE N TEXT")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 0 || n*len(args[2]) > 64<<20 {
		ts.Fatalf("repeat: bad count %q", args[1])
	}
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	ts.Check(err)
	_, err = f.WriteString(strings.Repeat(args[2], n) + "\n")
	ts.Check(errors.Join(err, f.Close()))
}

func cmdCRLF(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: crlf FILE")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
}

func cmdBOM(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: bom FILE")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), append([]byte("\ufeff"), data...), 0o644))
}
