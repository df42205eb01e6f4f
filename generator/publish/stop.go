package publish

import (
	"fmt"
	"os"
	"time"
)

// stopAt is a test's hook: a build run with RESOURCELIB_TEST_STOP_IN_COMMIT
// set to the name of a step of Commit ("recorded", "hidden files moved",
// "new 1 in place", "new 2 in place", "committed"; "previous N moved aside"
// where folders cannot be exchanged) says so on stderr and stops there for
// good, so that a test can kill it at that exact moment.
var stopAt = os.Getenv("RESOURCELIB_TEST_STOP_IN_COMMIT")

func stop(step string) {
	if stopAt == "" || step != stopAt {
		return
	}
	fmt.Fprintf(os.Stderr, "publish: stopped in Commit: %s\n", step)
	for {
		time.Sleep(time.Hour)
	}
}
