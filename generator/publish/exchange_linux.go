package publish

import "golang.org/x/sys/unix"

// exchangePaths swaps two folders in one step (renameat2 with
// RENAME_EXCHANGE), so that the output is never missing, not even for an
// instant. It fails where the file system cannot (then Commit renames the
// previous folder aside first).
func exchangePaths(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
