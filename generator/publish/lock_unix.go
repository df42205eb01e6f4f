//go:build unix

package publish

import (
	"errors"
	"os"
	"syscall"
)

// errGone is lockDir's answer when the folder was removed (by another
// build's cleanStale) before the lock was taken.
var errGone = errors.New("the folder was removed before it was locked")

// lockDir takes the lock on a folder, waiting for a cleanStale that holds
// it, and checks that the folder is still there.
func lockDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	a, err1 := f.Stat()
	b, err2 := os.Lstat(dir)
	if err1 != nil || err2 != nil || !os.SameFile(a, b) {
		f.Close()
		return nil, errGone
	}
	return f, nil
}

// tryLockDir takes the lock on a folder if nobody holds it.
func tryLockDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
