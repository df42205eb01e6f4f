// Package testenv decides which of the slow tests run: the browser tests,
// the builds of the digital.gov corpus, the search function under the
// Lambda emulator and the check of the JavaScript opening-hours port. They
// run under CI (the CI variable set, as .ci/run sets it, which also
// installs what they need) and skip anywhere else with one line saying how
// to run them, so that `make test` needs only Go and stays under a minute
// on two cores.
//
// It is a package of its own because five test packages share the rule;
// only tests import it.
package testenv

import (
	"fmt"
	"os"
	"testing"
)

// CI reports whether the tests run under CI.
func CI() bool { return os.Getenv("CI") != "" }

// CIOnly skips t outside CI. what says what the test checks, and run how
// to run it, such as `CI=1 go test ./generator -run Browser`.
func CIOnly(t testing.TB, what, run string) {
	t.Helper()
	if !CI() {
		t.Skipf("%s: runs under CI only (`%s`)", what, run)
	}
}

// Need stops t because something it needs is missing: under CI, which
// must run every test, it fails; elsewhere it skips.
func Need(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if CI() {
		t.Fatalf("CI must run this test, but %s", msg)
	}
	t.Skip(msg)
}
