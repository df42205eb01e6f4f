package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"testing"

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
// A script that shows a bug not fixed yet checks what already works, then
// runs `[!knownbugs] skip 'file:line: what is wrong'` before the checks of
// the right behaviour. Set GENERATOR_KNOWN_BUGS=1 to run those checks too.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": cmdExits},
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
